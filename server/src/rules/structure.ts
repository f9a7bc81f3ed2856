import type { Node, Pair, YAMLMap } from 'yaml';
import { keyInfo, type KeyInfo, type SchemaKind } from '../catalog/schema';
import { levelMaps, rootMapOf, type LevelMap, type LevelPair } from '../model/levels';
import { asMap, nodeSpan, pairOf } from '../model/scalars';
import type { ServiceModel, Span, ZeropsModel } from '../model/types';
import type { RuleContext } from './rule';

// The maps of a Zerops file by schema level, each pair with what the key schema knows of it: walked once
// per check (model/levels.ts) for every rule that reads keys, in both kinds.

export function rootMap(model: ZeropsModel): YAMLMap | undefined {
  return rootMapOf(model);
}

export function projectMap(model: ZeropsModel): YAMLMap | undefined {
  const root = rootMap(model);
  return root && asMap(pairOf(root, 'project')?.value);
}

export type SchemaPair = LevelPair<KeyInfo>;

export interface SchemaMap extends LevelMap<KeyInfo> {
  kind: SchemaKind;
}

const CHILD = (info: KeyInfo) => (info.child ? { level: info.child, items: !!info.childItems } : undefined);

/** Every map of the file at a schema level, with its keyed pairs and their schema entries, memoised per check. */
export function schemaMaps(ctx: RuleContext): SchemaMap[] {
  return ctx.memo('schema-maps', (model) => {
    const kind = model.kind as SchemaKind;
    const maps = levelMaps(model, { info: (level, key) => keyInfo(kind, level, key), child: CHILD }) as SchemaMap[];
    for (const m of maps) m.kind = kind;
    return maps;
  });
}

/** The span to report a whole map at: its first key, or the map itself. */
export function headSpan(map: YAMLMap): Span {
  const first = map.items[0] as Pair | undefined;
  return nodeSpan(first?.key as Node) ?? nodeSpan(map) ?? { start: 0, end: 0 };
}

export function hostLabel(s: ServiceModel): string {
  return typeof s.hostname?.value === 'string' ? `"${s.hostname.value}"` : `service #${s.index + 1}`;
}
