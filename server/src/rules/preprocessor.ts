import { PREPROCESSOR_FUNCTIONS, PREPROCESSOR_MODIFIERS } from '../catalog/preprocessor';
import { DOCUMENTED_DIRECTIVES, readDirective, type Directive } from '../model/directive';
import type { Span, ZeropsModel } from '../model/types';
import { nearest } from '../util/nearest';
import { replace } from './edits';
import { defineRule, type OffsetEdit, type Rule } from './rule';


export interface PreprocessorName {
  kind: 'function' | 'modifier';
  name: string;
  span: Span;
}

/** Comment lines are left alone: a `<@…>` in a comment is not what the user asked to be expanded. */
function isCommentLine(text: string, at: number): boolean {
  const ls = text.lastIndexOf('\n', at - 1) + 1;
  return /^[ \t]*#/.test(text.slice(ls, at));
}

const IDENT = /[A-Za-z0-9_]/;

/**
 * Reads the function and modifier names of every `<@…>` expression. A small recursive scanner over
 * zParser's syntax: `<@fn(args)|mod|mod>`, arguments are `<string>` literals, nested `<@…>` calls or bare
 * names, and `\` escapes the next character. An expression it cannot follow ends its scan quietly.
 */
export function scanPreprocessor(text: string): { expressions: Span[]; names: PreprocessorName[] } {
  const names: PreprocessorName[] = [];
  const expressions: Span[] = [];
  let i = 0;
  const ident = (): { name: string; span: Span } => {
    const start = i;
    while (i < text.length && IDENT.test(text[i])) i++;
    return { name: text.slice(start, i), span: { start, end: i } };
  };
  const literal = (): boolean => {
    // at '<'
    i++;
    while (i < text.length && text[i] !== '>') {
      if (text[i] === '\n') return false;
      i += text[i] === '\\' ? 2 : 1;
    }
    if (i >= text.length) return false;
    i++;
    return true;
  };
  const expr = (depth: number): boolean => {
    // at '<@'
    if (depth > 20) return false;
    i += 2;
    const fn = ident();
    names.push({ kind: 'function', ...fn });
    if (text[i] !== '(') return false;
    i++;
    for (;;) {
      while (text[i] === ' ' || text[i] === '\t') i++;
      const c = text[i];
      if (c === undefined || c === '\n') return false;
      if (c === ')') { i++; break; }
      if (c === ',') { i++; continue; }
      if (c === '\\') { i += 2; continue; }
      if (c === '<' && text[i + 1] === '@') { if (!expr(depth + 1)) return false; continue; }
      if (c === '<') { if (!literal()) return false; continue; }
      if (IDENT.test(c)) { ident(); continue; }
      return false;
    }
    while (text[i] === '|') {
      i++;
      const mod = ident();
      names.push({ kind: 'modifier', ...mod });
    }
    if (text[i] !== '>') return false;
    i++;
    return true;
  };
  for (;;) {
    const at = text.indexOf('<@', i);
    if (at < 0) break;
    if ((at > 0 && text[at - 1] === '\\') || isCommentLine(text, at)) { i = at + 2; continue; }
    i = at;
    const ok = expr(0);
    expressions.push({ start: at, end: ok ? i : at + 2 });
    if (!ok) i = Math.max(i, at + 2);
  }
  return { expressions, names };
}

function scanned(ctx: { model: ZeropsModel; memo<T>(key: string, compute: (m: ZeropsModel) => T): T }) {
  return ctx.memo('preprocessor', (m) => scanPreprocessor(m.text));
}

/** The edits that make a near miss the documented form on line 1: rewrite it there, or move it there. */
function rewriteDirective(text: string, d: Directive, lineBreak: string): OffsetEdit[] {
  if (d.line === 0) return [replace(d.span, d.canonical)];
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // The whole line goes, its line break included, and the documented form becomes line 1.
  const lineEnd = text.startsWith('\r\n', d.span.end) ? d.span.end + 2 : text[d.span.end] === '\n' ? d.span.end + 1 : d.span.end;
  return [replace({ start: bom, end: bom }, `${d.canonical}${lineBreak}`), replace({ start: d.span.start, end: lineEnd }, '')];
}

export const preprocessorDirective = defineRule({
  id: 'preprocessor-directive',
  severity: 'error',
  summary: 'A `<@…>` expression in a file whose first line is not `#yamlPreprocessor=on` or `#zeropsPreprocessor=on`; a near miss of the directive (`# zeropsPreprocessor=true`, on line 2) is a warning.',
  fix: 'Insert `#yamlPreprocessor=on` as line 1; rewrite or move a near miss.',
  perDocument(ctx, report) {
    const { model } = ctx;
    const directive = readDirective(model.text);
    if (directive?.documented) return;
    const first = scanned(ctx).expressions[0];
    if (!first) return;
    if (directive) {
      const [yamlForm, zeropsForm] = DOCUMENTED_DIRECTIVES;
      report({
        span: directive.span,
        severity: 'warning',
        message: `This looks like the preprocessor directive, but ${directive.differences.join(', ')}. Zerops documents only ${yamlForm} or ${zeropsForm}, exactly, as the first line; whether it honours this form is not known, and if not, the <@…> expressions are stored as literal text.`,
        fixes: [{
          title: directive.line === 0 ? `Rewrite as ${directive.canonical}` : `Move to line 1 as ${directive.canonical}`,
          edits: rewriteDirective(model.text, directive, model.lineBreak),
          preferred: true,
        }],
      });
      return;
    }
    const at = model.text.startsWith('\uFEFF') ? 1 : 0;
    const line = DOCUMENTED_DIRECTIVES[0];
    report({
      span: first,
      message: `The preprocessor is off, so Zerops would store this expression as literal text. Put ${line} on the first line to have it evaluated.`,
      fixes: [{ title: `Insert ${line} as line 1`, edits: [replace({ start: at, end: at }, `${line}${model.lineBreak}`)], preferred: true }],
    });
  },
});

export const preprocessorFunction = defineRule({
  id: 'preprocessor-function',
  severity: 'error',
  summary: 'An unknown preprocessor function or modifier in a `<@…>` expression.',
  fix: 'The nearest name.',
  perDocument(ctx, report) {
    for (const n of scanned(ctx).names) {
      const table = n.kind === 'function' ? PREPROCESSOR_FUNCTIONS : PREPROCESSOR_MODIFIERS;
      if (Object.hasOwn(table, n.name)) continue;
      const guess = n.name ? nearest(n.name, Object.keys(table)) : undefined;
      const end = Math.min(ctx.model.text.length, n.span.start + 1);
      const what = n.name ? `The preprocessor has no ${n.kind} "${n.name}"${guess ? `; did you mean ${guess}?` : '.'}` : `A ${n.kind} name is missing here.`;
      report({
        span: n.span.start === n.span.end ? { start: n.span.start, end } : n.span,
        message: `${what} The import fails with yamlPreprocessingError.`,
        fixes: guess ? [{ title: `Change to ${guess}`, edits: [replace(n.span, guess)], preferred: true }] : [],
      });
    }
  },
});

export const PREPROCESSOR_RULES: readonly Rule[] = [preprocessorDirective, preprocessorFunction];
