import { fileKind } from './kind';
import { keyName, nodeSpan } from './scalars';
import { isMap, isSeq, type TreeMap, type TreePair } from './tree';
import type { ServiceModel, SetupModel, Span, ZeropsModel } from './types';
import { isChecked } from './zerops-yml';

// The one walk over the maps of a Zerops file by schema level, for both kinds: the root, then each entry of
// the kind's list (a service, a setup) that the model holds, and the maps below them that the schema gives
// a level (`project`, `verticalAutoscaling`, `run`, `run.ports[]`, …), in file order. The schema itself is
// the catalogue's (catalog/schema.ts), handed in as a LevelSchema, so the model stays below it. A model cut
// down to some services or setups (the incremental checker's) gives the maps of those only, and the
// root's when its head is checked.

/**
 * The schema the walk follows: what it knows of a key at a level (`info`, kept with the pair), and from
 * that, the level of the key's value when it has one and whether that is the level of a list's items.
 */
export interface LevelSchema<I> {
  info(level: string, key: string): I | undefined;
  child(info: I): { level: string; items: boolean } | undefined;
}

export interface LevelPair<I = unknown> {
  pair: TreePair;
  key: string;
  keySpan: Span;
  /** What the schema knows of the key at this level; undefined for a key it does not know. */
  info: I | undefined;
}

export interface LevelMap<I = unknown> {
  level: string;
  map: TreeMap;
  pairs: LevelPair<I>[];
  /** The service or setup the map belongs to (none for the root and `project`). */
  service?: ServiceModel;
  setup?: SetupModel;
}

export function rootMapOf(model: ZeropsModel): TreeMap | undefined {
  const c = model.documents[0]?.contents;
  return isMap(c) ? c : undefined;
}

/** Every map of the file at a schema level, as written (before `extends`), in file order. */
export function levelMaps<I>(model: ZeropsModel, schema: LevelSchema<I>): LevelMap<I>[] {
  const out: LevelMap<I>[] = [];
  const root = rootMapOf(model);
  if (!root) return out;
  // The list's entries are walked from the model, which may hold only some of them.
  const listKey = fileKind(model.kind)?.listKey;
  const walk = (map: TreeMap, level: string, owner: Pick<LevelMap, 'service' | 'setup'>) => {
    const entry: LevelMap<I> = { level, map, pairs: [], service: owner.service, setup: owner.setup };
    if (isChecked(model, owner.setup)) out.push(entry);
    for (const pair of map.items) {
      const key = keyName(pair);
      const keySpan = nodeSpan(pair.key);
      if (key === undefined || !keySpan) continue;
      const info = schema.info(level, key);
      entry.pairs.push({ pair, key, keySpan, info });
      if (info === undefined || (level === 'root' && key === listKey)) continue;
      const child = schema.child(info);
      if (!child) continue;
      const value = pair.value;
      if (child.items) {
        if (isSeq(value)) for (const item of value.items) if (isMap(item)) walk(item, child.level, owner);
      } else if (isMap(value)) walk(value, child.level, owner);
    }
  };
  walk(root, 'root', {});
  const listInfo = listKey === undefined ? undefined : schema.info('root', listKey);
  const entryLevel = listInfo === undefined ? undefined : schema.child(listInfo)?.level;
  if (entryLevel === undefined) return out;
  for (const service of model.services) walk(service.node, entryLevel, { service });
  for (const setup of model.setups) if (isChecked(model, setup)) walk(setup.node, entryLevel, { setup });
  return out;
}
