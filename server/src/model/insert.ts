import { rangeOf } from './scalars';
import type { TreeMap } from './tree';
import type { Span, ZeropsModel } from './types';

// Text insertions the fixes build on the parsed tree: they touch only the text at the insertion point.

/** Appends `key: value` to a block map, indented like its first key, after its last value. */
export function appendPair(model: ZeropsModel, map: TreeMap, key: string, value: string): { span: Span; newText: string } | undefined {
  const text = model.text;
  const first = rangeOf(map.items[0]?.key);
  const last = map.items[map.items.length - 1];
  if (map.flow || !first || !last) return undefined;
  const start = first[0];
  const indent = start - (text.lastIndexOf('\n', start - 1) + 1);
  const end0 = rangeOf(last.value)?.[1] ?? rangeOf(last.key)?.[1];
  if (end0 === undefined) return undefined;
  let end = end0;
  // A block value ends where the next line starts: insert before that line break.
  while (end > 0 && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return { span: { start: end, end }, newText: `${model.lineBreak}${' '.repeat(indent)}${key}: ${value}` };
}
