import { nodeSpan } from '../model/scalars';
import type { TreeMap, TreePair } from '../model/tree';
import type { Span, ZeropsModel } from '../model/types';
import type { OffsetEdit, RuleFinding } from './rule';

// Minimal text edits on YAML structure. A fix must leave every byte outside its range as it was, so
// these work on the source text around the nodes instead of re-serialising anything.

export function replace(span: Span, newText: string): OffsetEdit {
  return { span, newText };
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset of the end of the line holding `offset`, before any `\r\n`. */
function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  if (nl < 0) return text.length;
  return text[nl - 1] === '\r' ? nl - 1 : nl;
}

function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

function keyStartOf(pair: TreePair): number | undefined {
  return nodeSpan(pair.key)?.start;
}

function valueEndOf(pair: TreePair): number | undefined {
  return nodeSpan(pair.value)?.end ?? nodeSpan(pair.key)?.end;
}

/** Deletes a pair from its map, with its line when it has one of its own. */
export function removePair(model: ZeropsModel, map: TreeMap, pair: TreePair): OffsetEdit | undefined {
  const text = model.text;
  const i = map.items.indexOf(pair);
  const start = keyStartOf(pair);
  const end = valueEndOf(pair);
  if (i < 0 || start === undefined || end === undefined) return undefined;
  const next = map.items[i + 1];
  const nextStart = next && keyStartOf(next);
  if (map.flow) {
    const prev = map.items[i - 1];
    const prevEnd = prev && valueEndOf(prev);
    if (prevEnd !== undefined) return { span: { start: prevEnd, end }, newText: '' };
    return nextStart !== undefined ? { span: { start, end: nextStart }, newText: '' } : undefined;
  }
  const ls = lineStart(text, start);
  if (/^[ \t]*$/.test(text.slice(ls, start))) {
    return { span: { start: ls, end: nextLineStart(text, end) }, newText: '' };
  }
  // The pair opens a sequence item (`- mode: HA`): let the next key take its place.
  return nextStart !== undefined ? { span: { start, end: nextStart }, newText: '' } : undefined;
}

/** Inserts `key: value` as a new pair right after `after`, indented like it. */
export function insertPairAfter(model: ZeropsModel, map: TreeMap, after: TreePair, key: string, value: string): OffsetEdit | undefined {
  const text = model.text;
  const start = keyStartOf(after);
  const end = valueEndOf(after);
  if (start === undefined || end === undefined) return undefined;
  if (map.flow) return { span: { start: end, end }, newText: `, ${key}: ${value}` };
  return insertLineAfter(text, model.lineBreak, start, end, key, value);
}

/** A `key: value` line after the line where `end` falls, in the column of the key starting at `keyStart`. */
export function insertLineAfter(text: string, lineBreak: string, keyStart: number, end: number, key: string, value: string): OffsetEdit {
  const indent = ' '.repeat(keyStart - lineStart(text, keyStart));
  const at = lineEnd(text, end);
  return { span: { start: at, end: at }, newText: `${lineBreak}${indent}${key}: ${value}` };
}

/** The text after `edits` (which must not overlap), applied in one pass from the start. */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.span.start - b.span.start)) {
    out += text.slice(at, e.span.start) + e.newText;
    at = e.span.end;
  }
  return out + text.slice(at);
}

/** Two edits clash when they overlap, or when one inserts where the other starts (their order is ambiguous). */
function clashes(a: Span, b: Span): boolean {
  if (a.start < b.end && b.start < a.end) return true;
  return a.start === b.start && (a.start === a.end || b.start === b.end);
}

export interface FixPlan {
  /** The edits of every fix taken, sorted by offset; none overlaps another. */
  edits: OffsetEdit[];
  /** Findings whose preferred fix is in `edits`. */
  applied: RuleFinding[];
  /** Findings whose preferred fix clashes with one taken earlier: left for the next run. */
  clashed: RuleFinding[];
}

/**
 * Every preferred fix, in one edit. Fixes whose edits would overlap an earlier one are left out (and
 * listed), so the result is always what applying them one by one would give.
 */
export function planPreferredFixes(findings: readonly RuleFinding[]): FixPlan {
  const plan: FixPlan = { edits: [], applied: [], clashed: [] };
  for (const f of findings) {
    const fix = f.fixes?.find((x) => x.preferred);
    if (!fix || fix.edits.length === 0) continue;
    const clash = fix.edits.some((e) => plan.edits.some((t) => clashes(e.span, t.span)));
    if (clash) {
      plan.clashed.push(f);
    } else {
      plan.edits.push(...fix.edits);
      plan.applied.push(f);
    }
  }
  plan.edits.sort((a, b) => a.span.start - b.span.start);
  return plan;
}
