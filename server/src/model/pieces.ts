import { isCollection, isNode, isPair, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { preprocessorEscapes } from './directive';
import type { EnvMap, ScalarValue, ServiceModel, SetupModel, Span } from './types';

// An import file split into pieces that parse on their own: the head (everything up to the first entry of
// `services:`) and one piece per entry. Parsing piece by piece gives the same nodes, at the same offsets,
// as parsing the whole file, as long as nothing crosses a piece boundary; `splitImport` refuses every
// layout where something could (anchors and aliases, several documents, a `services` that is not a block
// list, keys after the list), and a piece that does not parse cleanly sends the caller back to the whole
// text. A test checks the equivalence over random edits of real files.

export const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: true } as const;

export interface Split {
  /**
   * Where each piece starts: the head at 0, each entry at its `-`. Each piece ends where the next starts,
   * so an entry's piece ends with the indentation of the next entry's line: the whole parse counts that
   * into the entry's range after a line of spaces, and so must the piece's.
   */
  starts: number[];
  /** The column of the entries' `-`. */
  indent: number;
}

// A `&anchor` or `*alias` where YAML would read one: after a space, a flow indicator or at a line start.
// Over-eager on purpose (`a *b` in a plain scalar matches too): a false match only costs a whole parse.
const ANCHOR_OR_ALIAS = /(?:^|[\s[{,])[&*][^\s,[\]{}]/m;
// A double-quoted value alone on its line after `key: ` or `- ` holds no anchor or alias (cron timings
// such as "0 * * * *" would otherwise send every zerops.yml with a crontab to the whole parse).
const QUOTED_VALUE = /((?:^|[:-])[ ]+)"[^"\\\n]*"(?=[ \t]*(?:#.*)?\r?$)/gm;
const hasAnchorOrAlias = (text: string): boolean => ANCHOR_OR_ALIAS.test(text.includes('"') ? text.replace(QUOTED_VALUE, '$1""') : text);
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?:[ \t\r]|$)|^%/m;
/** The line that opens the list of pieces: `services:` in an import file, `zerops:` in a zerops.yml. */
const LIST_LINES = { services: /^services:[ \t]*(?:#.*)?\r?$/, zerops: /^zerops:[ \t]*(?:#.*)?\r?$/ } as const;
export type ListKey = keyof typeof LIST_LINES;

function indentOf(line: string): number {
  let i = 0;
  while (line.charCodeAt(i) === 32) i++;
  return i;
}

const isBlankOrComment = (line: string, indent: number): boolean => {
  const c = line[indent];
  return c === undefined || c === '\r' || c === '#';
};

const isEntryStart = (line: string, indent: number): boolean => {
  if (line[indent] !== '-') return false;
  const next = line[indent + 1];
  return next === undefined || next === ' ' || next === '\r';
};

/**
 * Where the pieces of an import file (or, with `key` 'zerops', of a zerops.yml: one per setup) start, or
 * undefined when the file must be parsed whole.
 */
export function splitImport(text: string, key: ListKey = 'services'): Split | undefined {
  const listLine = LIST_LINES[key];
  // Preprocessor escapes change what YAML sees (model/directive.ts); such files are rare and parsed whole.
  if (text.includes('\t') || hasAnchorOrAlias(text) || DOCUMENT_MARKER.test(text) || preprocessorEscapes(text)) return undefined;
  const starts = [0];
  let servicesSeen = false;
  let entryIndent = -1;
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(pos, end);
    const indent = indentOf(line);
    if (!servicesSeen) {
      if (listLine.test(line)) servicesSeen = true;
    } else if (!isBlankOrComment(line, indent)) {
      if (entryIndent < 0) {
        // The first entry decides the list's indentation; a map or flow list under `services` is parsed whole.
        if (!isEntryStart(line, indent)) return undefined;
        entryIndent = indent;
        starts.push(pos + indent);
      } else if (indent === entryIndent && isEntryStart(line, indent)) {
        starts.push(pos + indent);
      } else if (indent <= entryIndent) {
        // A key after the list (or a second `services`): rare enough to parse whole.
        return undefined;
      }
    }
    pos = end + 1;
  }
  return servicesSeen && starts.length > 1 ? { starts, indent: entryIndent } : undefined;
}

/** Adds `delta` to the range of every node under `node`. */
export function shiftNode(node: unknown, delta: number): void {
  if (isPair(node)) {
    shiftNode(node.key, delta);
    shiftNode(node.value, delta);
    return;
  }
  if (!isNode(node)) return;
  const r = node.range;
  if (r) node.range = [r[0] + delta, r[1] + delta, r[2] + delta];
  if (isCollection(node)) for (const item of node.items) shiftNode(item, delta);
}

/**
 * A copy of `s` that shares no memory with the string it was cut from. A slice in V8 keeps its whole
 * source alive: a piece kept across versions would keep the whole text of the version it came from, one
 * more for every service edited. Slicing a concatenation flattens it into new storage first.
 */
export function detach(s: string): string {
  return ` ${s}`.slice(1);
}

export interface ParsedEntry {
  /** The entry's node, with offsets into `local`. */
  node: Node;
  /** The text the node was parsed from: the piece after its line's indentation, in storage of its own. */
  local: string;
  /** Where `local` starts in the file: add it to move the node (and anything read from it) into place. */
  at: number;
  /** The range of a list holding this entry alone, and the end of its document, in file offsets: where
   * the list and the document end when this entry is the last. */
  listRange: [number, number, number];
  docEnd: number;
}

/**
 * One entry of `services:` parsed on its own, after its line's indentation (`indent` spaces) as in the
 * file; undefined when the piece does not parse cleanly as exactly one list entry.
 */
export function parseEntry(pieceText: string, start: number, indent: number): ParsedEntry | undefined {
  const local = detach(' '.repeat(indent) + pieceText);
  let doc: Document.Parsed;
  try {
    doc = parseDocument(local, PARSE_OPTIONS);
  } catch {
    return undefined;
  }
  const list = doc.contents;
  if (doc.errors.length || !isSeq(list) || list.items.length !== 1 || !list.range) return undefined;
  const at = start - indent;
  const r = list.range;
  return { node: list.items[0] as Node, local, at, listRange: [r[0] + at, r[1] + at, r[2] + at], docEnd: doc.range[2] + at };
}

// ---- Moving a service that did not change -------------------------------------------------------------------

function moveSpan(span: Span | undefined, delta: number, seen: Set<object>): void {
  if (!span || seen.has(span)) return;
  seen.add(span);
  span.start += delta;
  span.end += delta;
}

function moveScalar(v: ScalarValue | undefined, delta: number, seen: Set<object>): void {
  if (!v) return;
  moveSpan(v.span, delta, seen);
  moveSpan(v.nodeSpan, delta, seen);
}

function moveEnvMap(map: EnvMap, delta: number, seen: Set<object>): void {
  moveSpan(map.keySpan, delta, seen);
  for (const e of map.entries) {
    moveSpan(e.keySpan, delta, seen);
    moveSpan(e.valueSpan, delta, seen);
    e.sourceStart += delta;
    for (const r of e.references) {
      moveSpan(r.span, delta, seen);
      moveSpan(r.hostSpan, delta, seen);
      moveSpan(r.variableSpan, delta, seen);
    }
    for (const u of e.urls) {
      for (const s of [u.schemeSpan, u.userinfoSpan, u.hostSpan, u.portSpan, u.authoritySpan, u.span]) moveSpan(s, delta, seen);
    }
  }
}

/**
 * Moves a service model and its nodes by `delta` characters, for a piece whose text is unchanged but now
 * starts elsewhere. Every span the model holds moves once (some objects are shared).
 */
export function moveService(svc: ServiceModel, delta: number): void {
  const seen = new Set<object>();
  shiftNode(svc.node, delta);
  moveSpan(svc.span, delta, seen);
  moveScalar(svc.hostname, delta, seen);
  if (svc.type) {
    moveScalar(svc.type.value, delta, seen);
    moveSpan(svc.type.baseSpan, delta, seen);
    moveSpan(svc.type.variantSpan, delta, seen);
    moveSpan(svc.type.versionSpan, delta, seen);
  }
  if (svc.mode) {
    moveSpan(svc.mode.keySpan, delta, seen);
    moveScalar(svc.mode.value, delta, seen);
  }
  moveScalar(svc.profile, delta, seen);
  for (const map of svc.envMaps) moveEnvMap(map, delta, seen);
  // The inline zeropsYaml's nodes moved with the service's; its setups' spans move here.
  for (const setup of svc.zeropsYaml?.setups ?? []) moveSetupSpans(setup, delta, seen);
}

/** Moves a setup read from its own piece by `delta` characters, as moveService does a service. */
export function moveSetup(setup: SetupModel, delta: number): void {
  shiftNode(setup.node, delta);
  moveSetupSpans(setup, delta, new Set<object>());
}

function moveSetupSpans(setup: SetupModel, delta: number, seen: Set<object>): void {
  moveSpan(setup.span, delta, seen);
  moveScalar(setup.name, delta, seen);
  for (const e of setup.extends ?? []) moveScalar(e, delta, seen);
  for (const map of setup.envMaps) moveEnvMap(map, delta, seen);
}
