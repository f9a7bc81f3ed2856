import { keyName, keySpanOf } from './scalars';
import { isMap, isSeq, type TreeMap, type TreeNode, type TreePair } from './tree';
import type { Span } from './types';
import { setupSpan, type MergedNode, type ResolvedSetup } from './zerops-yml';

// The maps of a resolved zerops.yml setup by schema level, after `extends`: what a check of required keys
// reads, where a parent's keys count for the child. Maps merge; lists do not, so the maps inside a list
// (`run.ports[]`) are those of the text that supplied the list.

/** A map of a merged setup at a schema level: its keys (merged) and where to report the map as a whole. */
export interface MergedLevel {
  level: string;
  keys: Map<string, { pair: TreePair; node: TreeNode | null }>;
  head: Span;
  resolved: ResolvedSetup;
}

/**
 * Every map of `r` after merging, at its level. `childOf(level, key)` is the schema's level of the key's
 * value (a name ending in `[]` for a list of maps), or undefined where the schema gives the value none.
 */
export function mergedLevelsOf(r: ResolvedSetup, childOf: (level: string, key: string) => string | undefined): MergedLevel[] {
  const out: MergedLevel[] = [];
  const visitWritten = (map: TreeMap, level: string, head: Span) => {
    const keys = new Map<string, { pair: TreePair; node: TreeNode | null }>();
    for (const pair of map.items) {
      const k = keyName(pair);
      if (k !== undefined) keys.set(k, { pair, node: pair.value as TreeNode | null });
    }
    out.push({ level, keys, head, resolved: r });
    for (const [k, { node, pair }] of keys) descend(level, k, node, pair);
  };
  const descend = (level: string, key: string, node: TreeNode | null, pair: TreePair, merged?: MergedNode) => {
    const child = childOf(level, key);
    if (!child) return;
    const head = keySpanOf(pair) ?? r.setup.span;
    if (child.endsWith('[]')) {
      if (isSeq(node)) for (const item of node.items) if (isMap(item)) visitWritten(item, child, keySpanOf(item.items[0]) ?? head);
    } else if (merged?.map) visitMerged(merged.map, child, head);
    else if (isMap(node)) visitWritten(node, child, head);
  };
  const visitMerged = (map: Map<string, MergedNode>, level: string, head: Span) => {
    const keys = new Map<string, { pair: TreePair; node: TreeNode | null }>();
    for (const [k, m] of map) keys.set(k, { pair: m.pair, node: m.node });
    out.push({ level, keys, head, resolved: r });
    for (const [k, m] of map) descend(level, k, m.node, m.pair, m);
  };
  visitMerged(r.root, 'setup', setupSpan(r.setup));
  return out;
}
