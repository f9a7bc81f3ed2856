import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import type { RuleFinding, Severity } from '../rules/rule';
import { toLspFix, toRange, type LspFix } from '../service/lsp/diagnostics';

/** One finding in the CLI's JSON output; tools read this shape, so it only ever gains fields. */
export interface JsonDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes: LspFix[];
}

export function toJsonDiagnostic(document: TextDocument, f: RuleFinding): JsonDiagnostic {
  return {
    code: f.rule,
    severity: f.severity,
    message: f.message,
    range: toRange(document, f.span),
    fixes: (f.fixes ?? []).map((x) => toLspFix(document, x)),
  };
}
