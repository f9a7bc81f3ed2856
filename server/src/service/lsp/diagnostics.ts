import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeAction, CodeActionKind, DiagnosticSeverity, DiagnosticTag, type Diagnostic, type Range, type TextEdit,
} from 'vscode-languageserver-types';
import type { Span } from '../../model/types';
import { ruleDocUrl } from '../../rules/registry';
import type { Fix, OffsetEdit, RuleFinding, Severity } from '../../rules/rule';
import { disableFixes } from '../check/disable-fixes';

// Findings (offsets) -> LSP objects (positions); navigation.ts and features.ts beside it convert the
// other answers. Nothing below this folder knows LSP.

export const SOURCE = 'zerops';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toRange(doc: TextDocument, span: Span): Range {
  return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
}

export interface LspFix {
  title: string;
  edits: TextEdit[];
  preferred?: boolean;
}

export function toTextEdit(doc: TextDocument, edit: OffsetEdit): TextEdit {
  return { range: toRange(doc, edit.span), newText: edit.newText };
}

export function toLspFix(doc: TextDocument, fix: Fix): LspFix {
  const out: LspFix = { title: plainText(fix.title), edits: fix.edits.map((e) => toTextEdit(doc, e)) };
  if (fix.preferred) out.preferred = true;
  return out;
}

/**
 * Editors show diagnostic messages and code action titles as plain text (VS Code renders no Markdown
 * there): a `code` span of a rule's message or fix title reads as "code", as the messages write code, or
 * as it is when it holds a double quote itself.
 */
export function plainText(message: string): string {
  return message.replace(/`([^`\r\n]+)`/g, (_m, c: string) => (c.includes('"') ? c : `"${c}"`));
}

export function toDiagnostic(doc: TextDocument, f: RuleFinding): Diagnostic {
  const d: Diagnostic = {
    range: toRange(doc, f.span),
    severity: SEVERITY[f.severity],
    source: SOURCE,
    code: f.rule,
    codeDescription: { href: ruleDocUrl(f.rule) },
    message: plainText(f.message),
  };
  if (f.related?.length) {
    d.relatedInformation = f.related.map((r) => ({ location: { uri: doc.uri, range: toRange(doc, r.span) }, message: plainText(r.message) }));
  }
  if (f.tags?.length) d.tags = f.tags.map((t) => (t === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated));
  if (f.fixes?.length) d.data = { fixes: f.fixes.map((x) => toLspFix(doc, x)) };
  return d;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character
    && a.end.line === b.end.line && a.end.character === b.end.character;
}

/**
 * Quick fixes for the diagnostics the client sent, matched against findings of the current document
 * version: a diagnostic from an older version (its range moved) gets no fix rather than a wrong edit.
 * Each also gets "Disable <rule> for this line / file", last and never preferred.
 */
export function codeActions(doc: TextDocument, findings: readonly RuleFinding[], diagnostics: readonly Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  // Findings by rule and start, converted once: matching each diagnostic by a scan of all findings made a
  // request with 4 000 diagnostics take 5 s.
  const byStart = new Map<string, { f: RuleFinding; range: Range }[]>();
  for (const f of findings) {
    const range = toRange(doc, f.span);
    const key = `${f.rule}|${range.start.line}:${range.start.character}`;
    const list = byStart.get(key);
    if (list) list.push({ f, range });
    else byStart.set(key, [{ f, range }]);
  }
  for (const d of diagnostics) {
    if (d.source !== SOURCE || !d.range?.start || !d.range.end) continue;
    const f = byStart.get(`${String(d.code)}|${d.range.start.line}:${d.range.start.character}`)?.find((x) => sameRange(x.range, d.range))?.f;
    if (!f) continue;
    for (const fix of [...(f.fixes ?? []), ...disableFixes(doc.getText(), f)]) {
      if (fix.edits.length === 0) continue;
      const action = CodeAction.create(plainText(fix.title), { changes: { [doc.uri]: toLspFix(doc, fix).edits } }, CodeActionKind.QuickFix);
      action.diagnostics = [d];
      if (fix.preferred) action.isPreferred = true;
      out.push(action);
    }
  }
  return out;
}

/** `source.fixAll.zerops`: what editors run on save when asked to ("editor.codeActionsOnSave"). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.${SOURCE}`;

import { planPreferredFixes } from '../../rules/edits';
export { planPreferredFixes, type FixPlan } from '../../rules/edits';

export function preferredEdits(findings: readonly RuleFinding[]): OffsetEdit[] {
  return planPreferredFixes(findings).edits;
}

export function fixAllAction(doc: TextDocument, findings: readonly RuleFinding[]): CodeAction | undefined {
  const edits = preferredEdits(findings);
  if (edits.length === 0) return undefined;
  return CodeAction.create('Fix all Zerops problems that have a safe fix', {
    changes: { [doc.uri]: edits.map((e) => toTextEdit(doc, e)) },
  }, FIX_ALL_KIND);
}
