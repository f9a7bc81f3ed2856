import type { Span } from './types';

// The one reading of the preprocessor directive (zerops-facts.md §5, §11). Zerops documents two forms,
// `#yamlPreprocessor=on` and `#zeropsPreprocessor=on`, and only as the first line. Real files also carry
// near misses (`# zeropsPreprocessor=true` in an official recipe, the directive on line 2 under a
// `# yaml-language-server` modeline): whether the platform honours those is not known, so they are read
// as "probably on" and reported as what differs from the documented form.

/** The documented forms, in the order they are offered. */
export const DOCUMENTED_DIRECTIVES = ['#yamlPreprocessor=on', '#zeropsPreprocessor=on'] as const;

/** How many leading lines (comments and blanks only) are searched for a directive that is not on line 1. */
const LEADING_LINES = 10;

/** Anything that reads as an attempt at the directive: `#`, a name, `=` or `:`, and a word meaning "on". */
const LOOSE = /^([ \t]*)#([ \t]*)(yaml|zerops)(Preprocessor)([ \t]*)([=:])([ \t]*)(on|true|yes|enabled?|1)[ \t]*$/i;

export interface Directive {
  /** Exactly the documented form on the first line (trailing spaces allowed). */
  documented: boolean;
  /** The canonical form this line means (`#yamlPreprocessor=on` or `#zeropsPreprocessor=on`). */
  canonical: string;
  /** 0-based line number. */
  line: number;
  /** The line's text, without its line break. */
  span: Span;
  /** For a near miss: each way it differs from the documented form, in words. Empty when documented. */
  differences: string[];
}

function differencesOf(m: RegExpExecArray, canonicalName: string, line: number): string[] {
  const [, lead, afterHash, prefix, word, beforeEq, eq, afterEq, value] = m;
  const out: string[] = [];
  if (line > 0) out.push(`it is on line ${line + 1}, not line 1`);
  if (lead) out.push('the line is indented');
  if (afterHash) out.push('there is a space after "#"');
  if (`${prefix}${word}` !== canonicalName) out.push(`"${prefix}${word}" is not spelled "${canonicalName}"`);
  if (beforeEq || afterEq) out.push(`there are spaces around "${eq}"`);
  if (eq !== '=') out.push(`it uses "${eq}" instead of "="`);
  if (value !== 'on') out.push(`the value is "${value}", not "on"`);
  return out;
}

/**
 * The directive of a file: the first line if it is the documented form or a near miss, else the first
 * near miss among the leading comment and blank lines; undefined when there is none.
 */
export function readDirective(text: string): Directive | undefined {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let line = 0; line < LEADING_LINES && pos <= text.length; line++) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    // A line longer than any directive is content, not one.
    const raw = end - pos > 200 ? '' : text.slice(pos, end);
    const content = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const m = LOOSE.exec(content);
    if (m) {
      const canonical = m[3].toLowerCase() === 'zerops' ? DOCUMENTED_DIRECTIVES[1] : DOCUMENTED_DIRECTIVES[0];
      const differences = differencesOf(m, canonical.slice(1, canonical.indexOf('=')), line);
      return { documented: differences.length === 0, canonical, line, span: { start: pos, end: pos + content.length }, differences };
    }
    const trimmed = content.trim();
    // Past the leading comments: a directive further down is not one.
    if (trimmed && !trimmed.startsWith('#')) return undefined;
    if (end >= text.length) return undefined;
    pos = end + 1;
  }
  return undefined;
}

/** Whether the preprocessor is taken to run over this file: a documented directive or a near miss. */
export function preprocessorOn(text: string): boolean {
  return readDirective(text) !== undefined;
}

const ESCAPE = /\\[<>|\\]/;

/** Whether the preprocessor runs over this text and would unescape something in it. */
export function preprocessorEscapes(text: string): boolean {
  return preprocessorOn(text) && ESCAPE.test(text);
}

/**
 * The text as YAML sees it once the preprocessor has run over its escapes (`\<` `\>` `\|` `\\` become the
 * character after the backslash), with every character still at its offset in the user's text: each run
 * of escapes becomes its characters preceded by as many stand-ins (`filler`, a character the text does not
 * hold). The characters stay next to what follows them, so a `\\` before `n` in a double-quoted string
 * still makes YAML's `\n`; the stand-in is an ordinary character in plain, quoted and block scalars, and is
 * removed from every value after parsing (`stripFiller`). Undefined when nothing would change.
 */
export function unescapePreprocessor(text: string): { text: string; filler: string } | undefined {
  if (!preprocessorEscapes(text)) return undefined;
  let code = 0xe000;
  while (text.includes(String.fromCharCode(code))) code++;
  const filler = String.fromCharCode(code);
  let out = '';
  let last = 0;
  let i = text.indexOf('\\');
  while (i >= 0 && i < text.length) {
    let run = '';
    let j = i;
    while (text.charCodeAt(j) === 92 && '<>|\\'.includes(text[j + 1] ?? 'x')) {
      run += text[j + 1];
      j += 2;
    }
    if (run) {
      out += text.slice(last, i) + filler.repeat(run.length) + run;
      last = j;
      i = text.indexOf('\\', j);
    } else {
      i = text.indexOf('\\', i + 1);
    }
  }
  return { text: out + text.slice(last), filler };
}
