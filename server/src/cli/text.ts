import type { Position } from 'vscode-languageserver-types';
import type { Severity } from '../rules/rule';

// The text format: `file:line:col severity message [rule-id]`, the way compilers print, so editors and CI
// logs turn each line into a link. Colour only when asked for (a terminal, and no NO_COLOR).

const CODES = { red: 31, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const;
type Style = keyof typeof CODES;

export type Paint = (style: Style, s: string) => string;

export function painter(color: boolean): Paint {
  return color ? (style, s) => `\u001b[${CODES[style]}m${s}\u001b[0m` : (_style, s) => s;
}

const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'cyan', hint: 'dim' };

/** One finding per line, always: a message that spans lines is joined, so tools that read lines see it whole. */
export function textLine(paint: Paint, file: string, at: Position, severity: Severity, message: string, rule: string): string {
  const oneLine = message.trim().replace(/\s*\r?\n\s*/g, ' ');
  return `${file}:${at.line + 1}:${at.character + 1} ${paint(SEVERITY_STYLE[severity], severity)} ${oneLine} ${paint('dim', `[${rule}]`)}`;
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export interface Totals {
  files: number;
  errors: number;
  warnings: number;
  /** info and hint */
  others: number;
  fixable: number;
}

export function summaryLine(paint: Paint, t: Totals): string {
  const problems = t.errors + t.warnings + t.others;
  const checked = `${count(t.files, 'file')} checked`;
  if (problems === 0) return `${checked}, no problems`;
  const parts = [count(t.errors, 'error'), count(t.warnings, 'warning')];
  if (t.others > 0) parts.push(`${t.others} info/hint`);
  const head = `${count(problems, 'problem')} (${parts.join(', ')})`;
  const fixable = t.fixable > 0 ? `; ${t.fixable} fixable with --fix` : '';
  return `${paint(t.errors > 0 ? 'red' : 'yellow', paint('bold', head))} in ${checked}${fixable}`;
}
