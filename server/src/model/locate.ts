import { isScalar, visit, type Node } from 'yaml';
import { parsedDocuments } from './parsed';
import { REFERENCE_PATTERN, hostSplit } from './references';
import type { ServiceModel, Span, ZeropsModel } from './types';

// "What is at this offset?" for hover and completion. The text being edited is mostly half-typed YAML
// (`    ty` under a service parses as the value of the key above it), so the key path comes from
// indentation, line by line, as the user sees it; the parsed documents settle what indentation cannot
// (the lines of a block scalar are value text, not keys) and give the service model. Never throws.

/** A key (or a `- ` sequence item) that opens a level on some line. */
interface Opener {
  col: number;
  /** Absolute offset of the key or dash. */
  at: number;
  /** The key, or '-' for a sequence item. */
  key: string;
  /** Absolute offset of the key's colon. */
  colon?: number;
}

interface Line {
  start: number;
  text: string;
  openers: Opener[];
  /** Blank or comment only. */
  empty: boolean;
}

const KEY = /^("[^"]*"|'[^']*'|[^\s#:"'{}[\],|>&*!%@`-][^:#]*?|-[^\s:#][^:#]*?)[ \t]*:(?=[ \t]|$)/;

/** Start of the line holding `offset` (lastIndexOf treats a negative start as 0, which would find a newline there). */
function startOfLine(text: string, offset: number): number {
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

function lineAt(text: string, offset: number): Line {
  const start = startOfLine(text, offset);
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  return readLine(text, start, end);
}

function readLine(text: string, start: number, end: number): Line {
  const raw = text.slice(start, end);
  const lineText = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  const openers: Opener[] = [];
  let i = 0;
  while (lineText[i] === ' ') i++;
  const first = lineText.slice(i);
  const empty = first.trim() === '' || first.startsWith('#');
  while (lineText[i] === '-' && (i + 1 === lineText.length || lineText[i + 1] === ' ')) {
    openers.push({ col: i, at: start + i, key: '-' });
    i++;
    while (lineText[i] === ' ') i++;
  }
  const m = KEY.exec(lineText.slice(i));
  if (m) {
    const key = m[1].replace(/^(["'])(.*)\1$/, '$2');
    openers.push({ col: i, at: start + i, key, colon: start + i + m[0].length - 1 });
  }
  return { start, text: lineText, openers, empty };
}

function previousLine(text: string, line: Line): Line | undefined {
  if (line.start === 0) return undefined;
  const end = line.start - 1;
  const start = startOfLine(text, end);
  return readLine(text, start, end);
}

function nextLine(text: string, line: Line): Line | undefined {
  const end0 = line.start + line.text.length;
  const nl = text.indexOf('\n', end0);
  if (nl < 0) return undefined;
  let end = text.indexOf('\n', nl + 1);
  if (end < 0) end = text.length;
  return readLine(text, nl + 1, end);
}

/** The openers that enclose column `col` of `line`, outermost first (the line's own ones before `col` included). */
function ancestors(text: string, line: Line, col: number): Opener[] {
  const out: Opener[] = [];
  let limit = col;
  const take = (l: Line) => {
    for (let k = l.openers.length - 1; k >= 0; k--) {
      const o = l.openers[k];
      if (o.col < limit) {
        out.unshift(o);
        limit = o.col;
      }
    }
  };
  take({ ...line, openers: line.openers.filter((o) => o.col < col) });
  // Walk up line by line; only a line indented less than the limit can open an enclosing level, so the
  // others are skipped after counting their leading blanks.
  let end = line.start - 1;
  while (limit > 0 && end >= 0) {
    const start = startOfLine(text, end);
    let i = start;
    while (i < end && text[i] === ' ' && i - start < limit) i++;
    if (i - start < limit && i < end && text[i] !== '#' && text[i] !== '\r') {
      const l = readLine(text, start, end);
      if (!l.empty) take(l);
    }
    end = start - 1;
  }
  return out;
}

/** Keys written at column `col` in the same map as `line` (itself excluded): scan both ways until the map ends. */
function siblingKeys(text: string, line: Line, col: number): string[] {
  const out: string[] = [];
  const indent = (l: Line) => l.text.length - l.text.trimStart().length;
  const opensLeft = (l: Line) => l.openers.some((o) => o.col < col);
  const keyAt = (l: Line) => l.openers.find((o) => o.col === col && o.key !== '-')?.key;
  // Upwards the map ends at the line that opens it (a `- ` item or a parent key left of the column).
  if (!opensLeft(line)) {
    let cur: Line | undefined = line;
    let budget = 5_000;
    while (budget-- > 0 && (cur = previousLine(text, cur))) {
      if (cur.empty) continue;
      const k = keyAt(cur);
      if (k !== undefined) out.push(k);
      if (opensLeft(cur) || indent(cur) < col) break;
    }
  }
  // Downwards it ends before the next line that starts left of the column (a new item included).
  let cur: Line | undefined = line;
  let budget = 5_000;
  while (budget-- > 0 && (cur = nextLine(text, cur))) {
    if (cur.empty) continue;
    if (opensLeft(cur) || indent(cur) < col) break;
    const k = keyAt(cur);
    if (k !== undefined) out.push(k);
  }
  return out;
}

export interface ReferenceAt {
  /** `${` to the closing `}` (or to the cursor when it is not closed yet). */
  span: Span;
  /** The text between `${` and the cursor (completion) or the `}` (hover). */
  inner: string;
  /** Set when the inner text has the `host_` shape. */
  host?: string;
  hostSpan: Span;
  variable?: string;
  variableSpan?: Span;
}

export interface Locus {
  offset: number;
  /** The keys of the maps that enclose the cursor, outermost first; '-' stands for a sequence item. */
  path: string[];
  /** Typing a key, or inside the value of `key`. */
  position: 'key' | 'value';
  key?: string;
  keySpan?: Span;
  /** The word under the cursor: what a completion replaces. */
  word: Span;
  /** The column the word starts at. */
  column: number;
  /** For a value: its extent on this line (inside quotes) and text. */
  value?: { span: Span; text: string };
  /** Other keys already written in the same map. */
  siblings: string[];
  /** The service (an item of `services:`) the cursor is in. */
  service?: ServiceModel;
  /** The cursor is in a comment: nothing there to explain or complete. */
  inComment: boolean;
  /** The cursor is inside a one-line flow map (`run: { base: … }`, see flow-locus.ts): a key goes in as `key: `. */
  flow?: boolean;
  /** The `${…}` under or just left of the cursor. */
  reference?: ReferenceAt;
  /** The function name after `<@`, when the cursor is on it. */
  preprocessorFunction?: Span;
  /** The modifier name after `|` inside a `<@…>` expression, when the cursor is on it. */
  preprocessorModifier?: Span;
}

const REFERENCE = new RegExp(REFERENCE_PATTERN.source, 'g');

function splitReference(inner: string, innerStart: number): Pick<ReferenceAt, 'host' | 'hostSpan' | 'variable' | 'variableSpan'> {
  const us = hostSplit(inner);
  if (us > 0) {
    return {
      host: inner.slice(0, us),
      hostSpan: { start: innerStart, end: innerStart + us },
      variable: inner.slice(us + 1),
      variableSpan: { start: innerStart + us + 1, end: innerStart + inner.length },
    };
  }
  return { hostSpan: { start: innerStart, end: innerStart + inner.length } };
}

/** A complete `${…}` whose characters include the one at the offset, else an open `${` left of it on the line. */
function referenceAt(line: Line, offset: number): ReferenceAt | undefined {
  const col = offset - line.start;
  for (const m of line.text.matchAll(REFERENCE)) {
    const s = m.index ?? 0;
    if (col >= s && col < s + m[0].length) {
      const innerStart = line.start + s + 2;
      return { span: { start: line.start + s, end: line.start + s + m[0].length }, inner: m[1], ...splitReference(m[1], innerStart) };
    }
  }
  const before = line.text.slice(0, col);
  const open = before.lastIndexOf('${');
  if (open < 0 || before.indexOf('}', open) >= 0) return undefined;
  const inner = before.slice(open + 2);
  if (/[\s{]/.test(inner)) return undefined;
  const innerStart = line.start + open + 2;
  return { span: { start: line.start + open, end: offset }, inner, ...splitReference(inner, innerStart) };
}

function preprocessorAt(line: Line, offset: number): Span | undefined {
  const col = offset - line.start;
  const before = line.text.slice(0, col);
  const open = before.lastIndexOf('<@');
  if (open < 0 || !/^[A-Za-z0-9]*$/.test(before.slice(open + 2))) return undefined;
  let end = col;
  while (end < line.text.length && /[A-Za-z0-9]/.test(line.text[end])) end++;
  return { start: line.start + open + 2, end: line.start + end };
}

function modifierAt(line: Line, offset: number): Span | undefined {
  const col = offset - line.start;
  const m = /<@[^\n]*\)(?:\|[A-Za-z0-9]+)*\|([A-Za-z0-9]*)$/.exec(line.text.slice(0, col));
  if (!m) return undefined;
  let end = col;
  while (end < line.text.length && /[A-Za-z0-9]/.test(line.text[end])) end++;
  return { start: offset - m[1].length, end: line.start + end };
}

/** A scalar value that runs over several lines (block or multi-line quoted) containing the offset. */
function multiLineScalarAt(model: ZeropsModel, offset: number): { keyAt: number } | undefined {
  const docs = parsedDocuments(model);
  const doc = docs.find((d) => d.range && d.range[0] <= offset && offset <= d.range[2]) ?? docs[0];
  if (!doc) return undefined;
  let found: { keyAt: number } | undefined;
  const outside = (n: Node | null) => !!n?.range && (offset < n.range[0] || offset > n.range[2]);
  visit(doc, {
    // Only the branch holding the offset matters: skipping the rest keeps this cheap on big files.
    Map: (_, m) => (outside(m) ? visit.SKIP : undefined),
    Seq: (_, q) => (outside(q) ? visit.SKIP : undefined),
    Pair(_, pair) {
      const v = pair.value as Node | null;
      const k = pair.key as Node | null;
      if (outside(v)) return visit.SKIP;
      if (!isScalar(v) || !v.range || !k?.range) return undefined;
      const [s, e] = v.range;
      if (offset < s || offset > e) return undefined;
      if (model.text.slice(k.range[0], s).includes('\n') || model.text.slice(s, e).includes('\n')) {
        const block = v.type === 'BLOCK_LITERAL' || v.type === 'BLOCK_FOLDED' || v.type === 'QUOTE_DOUBLE' || v.type === 'QUOTE_SINGLE';
        if (block) {
          found = { keyAt: k.range[0] };
          return visit.BREAK;
        }
      }
      return undefined;
    },
  });
  return found;
}

function serviceOf(model: ZeropsModel, path: Opener[], offset: number): ServiceModel | undefined {
  if (path.length < 2 || path[0].key !== 'services' || path[1].key !== '-') return undefined;
  const dash = path[1].at;
  let best: ServiceModel | undefined;
  for (const s of model.services) {
    if (s.span.start >= dash && s.span.start <= Math.max(offset, dash + 1) && (!best || s.span.start < best.span.start)) best = s;
  }
  return best;
}

function valueExtent(line: Line, colon: number): { span: Span; text: string } {
  const lineEnd = line.start + line.text.length;
  let s = colon + 1;
  while (s < lineEnd && (line.text[s - line.start] === ' ' || line.text[s - line.start] === '\t')) s++;
  let rest = line.text.slice(s - line.start);
  const q = rest[0];
  if (q === '"' || q === "'") {
    const close = rest.indexOf(q, 1);
    const inner = close < 0 ? rest.slice(1) : rest.slice(1, close);
    return { span: { start: s + 1, end: s + 1 + inner.length }, text: inner };
  }
  const comment = rest.search(/\s#/);
  if (comment >= 0) rest = rest.slice(0, comment);
  rest = rest.replace(/\s+$/, '');
  return { span: { start: s, end: s + rest.length }, text: rest };
}

/** Column where a comment starts on the line (a `#` at the start or after a blank, outside quotes), or -1. */
function commentColumn(text: string): number {
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if ((c === '"' || c === "'") && (i === 0 || /[\s:[{,]/.test(text[i - 1]))) quote = c;
    else if (c === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t')) return i;
  }
  return -1;
}

const WORD = /[A-Za-z0-9_.-]/;

function wordAround(line: Line, offset: number): Span {
  let s = offset - line.start;
  let e = s;
  while (s > 0 && WORD.test(line.text[s - 1])) s--;
  while (e < line.text.length && WORD.test(line.text[e])) e++;
  return { start: line.start + s, end: line.start + e };
}

export function locate(model: ZeropsModel, offset: number): Locus {
  const text = model.text;
  const at = Math.max(0, Math.min(offset, text.length));
  let line = lineAt(text, at);
  const comment = commentColumn(line.text);
  const inComment = comment >= 0 && at - line.start > comment;
  const reference = referenceAt(line, at);
  const preprocessorFunction = preprocessorAt(line, at);
  const preprocessorModifier = modifierAt(line, at);
  const block = multiLineScalarAt(model, at);
  let keyOpener: Opener | undefined;
  if (block) {
    line = lineAt(text, block.keyAt);
    keyOpener = line.openers.find((o) => o.at === block.keyAt);
  } else {
    const last = line.openers[line.openers.length - 1];
    if (last?.colon !== undefined && at > last.colon) keyOpener = last;
  }
  if (keyOpener && keyOpener.colon !== undefined) {
    const chain = ancestors(text, line, keyOpener.col);
    const inLine = block ? undefined : valueExtent(line, keyOpener.colon);
    const word = inLine && at >= inLine.span.start && at <= inLine.span.end ? inLine.span : { start: at, end: at };
    return {
      offset: at,
      path: chain.map((o) => o.key),
      position: 'value',
      key: keyOpener.key,
      keySpan: { start: keyOpener.at, end: keyOpener.at + keyOpener.key.length },
      word,
      column: word.start - lineAt(text, word.start).start,
      value: inLine,
      siblings: siblingKeys(text, line, keyOpener.col),
      inComment: !block && inComment,
      service: serviceOf(model, [...chain, keyOpener], at),
      reference,
      preprocessorFunction,
      preprocessorModifier,
    };
  }
  const word = wordAround(line, at);
  const col = word.start - line.start;
  const chain = ancestors(text, line, col);
  const own = line.openers.find((o) => o.col === col && o.key !== '-');
  return {
    offset: at,
    path: chain.map((o) => o.key),
    position: 'key',
    key: own?.key,
    keySpan: own ? { start: own.at, end: own.at + own.key.length } : undefined,
    word,
    column: col,
    siblings: siblingKeys(text, line, col),
    inComment,
    service: serviceOf(model, chain, at),
    reference,
    preprocessorFunction,
    preprocessorModifier,
  };
}
