import type { Span } from './types';
import type { Locus } from './locate';

// locate() reads block YAML line by line; inside a flow map written on one line (`run: { base: | }`,
// `- { setup: app, run: { ports: [ { port: | } ] } }`) it sees only the key before the opening brace.
// flowLocus() carries its answer into the braces: the keys that lead to the cursor, key or value, the
// word under the cursor, and the keys the map already has. A flow collection over several lines is left
// as locate() sees it.

interface Frame {
  kind: 'map' | 'list';
  /** The keys leading to this collection's entries ('-' for an item of a list). */
  path: string[];
  /** The keys of a map, in order. */
  keys: string[];
  /** The key of the entry being read, once its `:` is seen. */
  key?: string;
  /** Where the current key or value starts. */
  from: number;
}

const STOP = /[,{}[\]]/;

/** The span of the token between `from` and the next separator, trimmed, inside quotes when quoted. */
function tokenAt(text: string, from: number, offset: number, lineEnd: number): { span: Span; text: string } {
  let end = offset;
  while (end < lineEnd && !STOP.test(text[end]) && !(text[end] === ':' && /[\s,}\]]/.test(text[end + 1] ?? ' '))) end++;
  let start = from;
  while (start < offset && /\s/.test(text[start])) start++;
  while (end > Math.max(start, offset) && /\s/.test(text[end - 1])) end--;
  // Inside quotes: what is between them. Past the closing quote: the whole quoted scalar.
  if (/["']/.test(text[start] ?? '') && start < offset) {
    const closed = end - 1 > start && text[end - 1] === text[start];
    if (!closed || offset < end) {
      start++;
      if (closed) end--;
    }
  }
  return { span: { start, end }, text: text.slice(start, end) };
}

const unquote = (s: string) => s.trim().replace(/^(["'])(.*)\1$/, '$2');

/** `loc` moved into the flow map on the cursor's line, or `loc` itself when the cursor is not in one. */
export function flowLocus(text: string, loc: Locus): Locus {
  if (loc.inComment || loc.reference) return loc;
  const offset = loc.offset;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const opener = text.indexOf('{', lineStart);
  if (opener < 0 || opener >= offset) return loc;
  // The brace must open the value of the line's key (`run: {`) or its list item (`- {`), nothing else:
  // `start: echo {a}` is a plain string.
  const before = text.slice(lineStart, opener);
  const keyed = /^\s*(?:-\s+)?([^\s#'"{[][^:#]*?|"[^"]*"|'[^']*'):\s+$/.exec(before);
  let base: string[];
  if (keyed && loc.position === 'value' && loc.key === unquote(keyed[1])) base = [...loc.path, loc.key];
  else if (/^\s*-\s+$/.test(before) && loc.position === 'key' && loc.path[loc.path.length - 1] === '-') base = [...loc.path];
  else return loc;

  const stack: Frame[] = [];
  let atCursor: { frame: Frame; kind: 'key' | 'value'; from: number } | undefined;
  let typedKey: string | undefined;
  for (let i = opener; i < lineEnd; i++) {
    if (i === offset && !atCursor) {
      const frame = stack[stack.length - 1];
      if (!frame) return loc;
      atCursor = { frame, kind: frame.kind === 'map' && frame.key === undefined ? 'key' : 'value', from: frame.from };
    }
    const ch = text[i];
    const frame = stack[stack.length - 1];
    if (ch === '"' || ch === "'") {
      // A quoted scalar: on to its closing quote (`\"` escapes in double quotes, `''` in single).
      let j = i + 1;
      while (j < lineEnd) {
        if (ch === '"' && text[j] === '\\') j += 2;
        else if (ch === "'" && text[j] === "'" && text[j + 1] === "'") j += 2;
        else if (text[j] === ch) break;
        else j++;
      }
      if (!atCursor && frame && offset > i && offset <= j) atCursor = { frame, kind: frame.kind === 'map' && frame.key === undefined ? 'key' : 'value', from: frame.from };
      i = j;
      continue;
    }
    if (ch === '#' && /\s/.test(text[i - 1])) break;
    if (ch === '{' || ch === '[') {
      const path = !frame ? base : frame.kind === 'list' ? [...frame.path, '-'] : frame.key !== undefined ? [...frame.path, frame.key] : undefined;
      if (!path) return loc;
      stack.push({ kind: ch === '{' ? 'map' : 'list', path, keys: [], from: i + 1 });
    } else if (ch === '}' || ch === ']') {
      stack.pop();
      if (!stack.length) {
        if (!atCursor) return loc;
        break;
      }
    } else if (ch === ',' && frame) {
      frame.key = undefined;
      frame.from = i + 1;
    } else if (ch === ':' && frame?.kind === 'map' && frame.key === undefined && /[\s,}\]]/.test(text[i + 1] ?? ' ')) {
      const key = unquote(text.slice(frame.from, i));
      if (atCursor?.frame === frame && atCursor.kind === 'key' && atCursor.from === frame.from) typedKey = key;
      else frame.keys.push(key);
      frame.key = key;
      frame.from = i + 1;
    }
  }
  // The cursor at the end of the line, in a collection not closed yet (`run: { base: |`).
  if (!atCursor && offset === lineEnd && stack.length) {
    const frame = stack[stack.length - 1];
    atCursor = { frame, kind: frame.kind === 'map' && frame.key === undefined ? 'key' : 'value', from: frame.from };
  }
  if (!atCursor) return loc;
  const { frame, kind, from } = atCursor;
  const token = tokenAt(text, from, offset, lineEnd);
  const word = token.span;
  const column = word.start - lineStart;
  if (kind === 'key') {
    return { ...loc, path: frame.path, position: 'key', key: typedKey, keySpan: typedKey !== undefined ? word : undefined, word, column, value: undefined, siblings: frame.keys, flow: true };
  }
  if (frame.kind === 'map') {
    return { ...loc, path: frame.path, position: 'value', key: frame.key, keySpan: undefined, word, column, value: token, siblings: frame.keys, flow: true };
  }
  // An item of a flow list: a value of the key that holds the list.
  const listKey = frame.path[frame.path.length - 1];
  if (listKey === undefined || listKey === '-') return loc;
  return { ...loc, path: frame.path.slice(0, -1), position: 'value', key: listKey, keySpan: undefined, word, column, value: token, siblings: [], flow: true };
}
