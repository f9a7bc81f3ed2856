import * as yaml from 'yaml';
import type { ScalarValue, Span } from './types';
import type { TreeMap, TreePair } from './tree';

// The bundle reaches a CommonJS package's exports through a getter at every use; these guards run for
// every key of a file, several times per check, so they are read from the package once.
const { isMap, isScalar, isSeq } = yaml;

/**
 * The span of a tree node from its start to the end of its value; undefined for a slot with no node (a
 * pair's missing value, a null item). Takes the tree's open slots (a pair's key and value, a list's items)
 * as they are, so readers above model/ need no cast to ask.
 */
export function nodeSpan(node: unknown): Span | undefined {
  const r = (node as { readonly range?: readonly [number, number, number] | null } | null | undefined)?.range;
  return r ? { start: r[0], end: r[1] } : undefined;
}

/** Reads a scalar node into a value with the span of its content. */
export function scalarValue(text: string, node: unknown): ScalarValue | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  const [start, end] = node.range;
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  const block = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
  const cStart = quoted ? start + 1 : start;
  const cEnd = quoted ? Math.max(cStart, end - 1) : end;
  const source = text.slice(cStart, cEnd);
  const decoded = node.value;
  const verbatim = !block && (typeof decoded === 'string' ? decoded === source : String(decoded) === source);
  return { value: decoded, source, span: { start: cStart, end: cEnd }, nodeSpan: { start, end }, verbatim, node };
}

/** The pair of a block or flow map whose key is the plain string `key`. */
export function pairOf<P extends TreePair = TreePair>(map: { readonly items: readonly P[] }, key: string): P | undefined {
  for (const item of map.items) {
    if (isScalar(item.key) && item.key.value === key) return item;
  }
  return undefined;
}

/** The offsets of a parsed node (start, value end, node end); none for anything else. */
export function rangeOf(node: unknown): readonly [number, number, number] | undefined {
  return yaml.isNode(node) ? node.range ?? undefined : undefined;
}

/** Where a pair's key is written (none for a pair without a key). */
export function keySpanOf(pair: TreePair | undefined): Span | undefined {
  return nodeSpan(pair?.key);
}

/** Where to report a map as a whole: its first key, else the map. */
export function headSpanOf(map: TreeMap): Span | undefined {
  return keySpanOf(map.items[0]) ?? nodeSpan(map);
}

/** A string scalar, as the checks read one (a number or a boolean is not one). */
export function stringScalar(text: string, node: unknown): ScalarValue | undefined {
  const v = scalarValue(text, node);
  return v && typeof v.value === 'string' ? v : undefined;
}

/** The string items of a value written as one scalar or a list of them (`base`, `deployFiles`, `prepareCommands`). */
export function stringItems(text: string, node: unknown): ScalarValue[] {
  const nodes = isSeq(node) ? node.items : [node];
  const out: ScalarValue[] = [];
  for (const n of nodes) {
    const v = stringScalar(text, n);
    if (v) out.push(v);
  }
  return out;
}

export function keyName(pair: TreePair): string | undefined {
  return isScalar(pair.key) && pair.key.value != null ? String(pair.key.value) : undefined;
}

export function asMap(node: unknown): TreeMap | undefined {
  return isMap(node) ? node : undefined;
}

export function asSeqItems(node: unknown): readonly unknown[] {
  return isSeq(node) ? node.items : [];
}

/** The items of a sequence node, or undefined when the node is not one (an empty list has none). */
export function seqItemsOf(node: unknown): readonly unknown[] | undefined {
  return isSeq(node) ? node.items : undefined;
}

/** The decoded value of `key` in a map when it is a scalar (no text needed; no spans). */
export function scalarOf(map: { readonly items: readonly TreePair[] }, key: string): unknown {
  const v = pairOf(map, key)?.value;
  return isScalar(v) ? v.value : undefined;
}


/** The keys of a map node with their spans and value nodes (none when `node` is not a map): for readers above model/. */
export function entriesOf(node: unknown): { key: string; keySpan: Span; value: unknown }[] {
  const map = asMap(node);
  if (!map) return [];
  const out: { key: string; keySpan: Span; value: unknown }[] = [];
  for (const pair of map.items) {
    const key = keyName(pair);
    const keySpan = nodeSpan(pair.key);
    if (key !== undefined && keySpan) out.push({ key, keySpan, value: pair.value });
  }
  return out;
}

/**
 * A node as plain data (maps, lists, scalars), or undefined when it cannot be read without its document
 * (an alias) or is not a node. For summaries of what a file asks for; checks read the nodes themselves.
 */
export function plainOf(node: unknown): unknown {
  if (!yaml.isNode(node)) return undefined;
  try {
    return node.toJSON();
  } catch {
    return undefined;
  }
}
