import * as yaml from 'yaml';

// The parsed tree as the layers above model/ see it: read-only maps, lists, scalars and aliases with
// their ranges, and the guards that tell them apart. The YAML library is model/'s business. Rules and
// features name these types, never the library's classes, so they cannot mutate a node, call into the
// library or depend on which parser the model uses; the library's nodes satisfy these shapes as they
// are, so reading through them costs nothing.

/** Offsets of a node: where it starts, where its value ends, where the node ends (with its comment). */
export type TreeRange = readonly [number, number, number];

/** A scalar: a string, number, boolean or null, as decoded, with how it was written. */
export interface TreeScalar {
  readonly value: unknown;
  /** How it is written: `PLAIN`, `QUOTE_DOUBLE`, `QUOTE_SINGLE`, `BLOCK_LITERAL`, `BLOCK_FOLDED`. */
  readonly type?: string;
  /** An explicit tag (`!!str`), if written. */
  readonly tag?: string;
  readonly range?: TreeRange | null;
}

/** A key and its value in a map; either may be missing (`key:` alone has a null value). */
export interface TreePair {
  readonly key: unknown;
  readonly value: unknown;
}

export interface TreeMap {
  readonly items: readonly TreePair[];
  /** Written as `{ … }` rather than as a block. */
  readonly flow?: boolean;
  readonly range?: TreeRange | null;
}

export interface TreeSeq {
  readonly items: readonly unknown[];
  /** Written as `[ … ]` rather than as a block. */
  readonly flow?: boolean;
  readonly range?: TreeRange | null;
}

/** `*name`: a reference to an anchored node, which the model resolves where it must. */
export interface TreeAlias {
  /** The anchor's name. */
  readonly source: string;
  readonly range?: TreeRange | null;
}

export type TreeNode = TreeScalar | TreeMap | TreeSeq | TreeAlias;

/** One YAML document of the file: its root node (null when empty) and where it runs. */
export interface TreeDocument {
  readonly contents: unknown;
  readonly range?: TreeRange | null;
}

// Read from the package once: the bundle reaches a CommonJS export through a getter at every use.
const { isMap: libIsMap, isSeq: libIsSeq, isScalar: libIsScalar, isAlias: libIsAlias } = yaml;

export function isMap(node: unknown): node is TreeMap {
  return libIsMap(node);
}

export function isSeq(node: unknown): node is TreeSeq {
  return libIsSeq(node);
}

export function isScalar(node: unknown): node is TreeScalar {
  return libIsScalar(node);
}

export function isAlias(node: unknown): node is TreeAlias {
  return libIsAlias(node);
}
