import { keyInfo, type KeyInfo, type SchemaKind } from '../catalog/schema';
import { levelMaps, type LevelMap, type LevelPair } from '../model/levels';
import { headSpanOf } from '../model/scalars';
import type { TreeMap } from '../model/tree';
import type { ServiceModel, Span } from '../model/types';
import type { RuleContext } from './rule';

// The maps of a Zerops file by schema level, each pair with what the key schema knows of it: walked once
// per check (model/levels.ts) for every rule that reads keys, in both kinds.

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
export function headSpan(map: TreeMap): Span {
  return headSpanOf(map) ?? { start: 0, end: 0 };
}

export function hostLabel(s: ServiceModel): string {
  return typeof s.hostname?.value === 'string' ? `"${s.hostname.value}"` : `service #${s.index + 1}`;
}
