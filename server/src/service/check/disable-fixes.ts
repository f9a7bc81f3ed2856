import { readDirective } from '../../model/directive';
import type { Fix, OffsetEdit, RuleFinding } from '../../rules/rule';

// "Disable <rule> for this line / for this file", as ESLint offers them: the suppression comment written
// for the user. Never preferred, so neither fix-all nor --fix ever silences a finding.

const NEXT_LINE = /^([ \t]*#[ \t]*zerops-disable-next-line)([ \t][^\r\n]*?)?([ \t]+--[ \t].*)?[ \t]*$/;
const FILE = /^([ \t]*#[ \t]*zerops-disable)([ \t][^\r\n]*?)?([ \t]+--[ \t].*)?[ \t]*$/;

function lineStartOf(text: string, offset: number): number {
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

function lineAt(text: string, start: number): string {
  const nl = text.indexOf('\n', start);
  return text.slice(start, nl < 0 ? text.length : nl).replace(/\r$/, '');
}

const indentOf = (line: string) => /^[ \t]*/.exec(line)![0].length;

/**
 * Inside a block scalar (`key: |` and its lines) a comment line would be text of the value, so no
 * line comment is offered there. Looks up to the first line indented less than this one.
 */
function inBlockScalar(text: string, start: number): boolean {
  const indent = indentOf(lineAt(text, start));
  if (indent === 0) return false;
  let at = start;
  for (let budget = 2_000; budget > 0 && at > 0; budget--) {
    at = lineStartOf(text, at - 1);
    const line = lineAt(text, at);
    if (line.trim() === '') continue;
    if (indentOf(line) < indent) return /(?:^|[:\-][ \t]+)[|>][0-9+-]*[ \t]*(?:#.*)?$/.test(line);
  }
  return false;
}

/** Adds `id` to a comment's list of ids (m: a NEXT_LINE or FILE match of the line at `start`), or nothing when it names no ids (it silences everything already). */
function addTo(m: RegExpExecArray, start: number, id: string): OffsetEdit | undefined {
  const ids = m[2]?.trim();
  if (!ids) return undefined;
  const at = start + m[1].length + m[2]!.replace(/[ \t]+$/, '').length;
  return { span: { start: at, end: at }, newText: `, ${id}` };
}

export function disableFixes(text: string, finding: RuleFinding): Fix[] {
  const id = finding.rule;
  const out: Fix[] = [];
  const start = lineStartOf(text, finding.span.start);
  // The file's line ending, read off the first line (scanning the whole text once per finding would not scale).
  const firstBreak = text.indexOf('\n');
  const eol = firstBreak > 0 && text[firstBreak - 1] === '\r' ? '\r\n' : '\n';
  if (!inBlockScalar(text, start)) {
    const prevStart = start > 0 ? lineStartOf(text, start - 1) : -1;
    const m = prevStart >= 0 ? NEXT_LINE.exec(lineAt(text, prevStart)) : null;
    const edit = m ? addTo(m, prevStart, id)
      : { span: { start, end: start }, newText: `${' '.repeat(indentOf(lineAt(text, start)))}# zerops-disable-next-line ${id}${eol}` };
    if (edit) out.push({ title: `Disable ${id} for this line`, edits: [edit] });
  }
  // At the top, after a preprocessor directive (which must stay the first line); joined to a file comment there.
  const nl = firstBreak;
  const directive = readDirective(text)?.line === 0;
  const top = directive ? (nl < 0 ? text.length : nl + 1) : text.startsWith('\uFEFF') ? 1 : 0;
  const m = FILE.exec(lineAt(text, top));
  const comment = `# zerops-disable ${id}`;
  const edit = m ? addTo(m, top, id)
    : { span: { start: top, end: top }, newText: directive && nl < 0 ? `${eol}${comment}` : `${comment}${eol}` };
  if (edit) out.push({ title: `Disable ${id} for this file`, edits: [edit] });
  return out;
}
