import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import { parseZerops, type ParseOptions } from '../model/parse';
import type { RuleFinding, Severity } from '../rules/rule';
import { toLspFix, toRange, type LspFix } from './lsp';
import type { ZeropsSettings } from './settings';
import { validate } from './validate';

/** One finding in the CLI's JSON output; tools read this shape, so it only ever gains fields. */
export interface JsonDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes: LspFix[];
}

export interface LintResult {
  document: TextDocument;
  findings: RuleFinding[];
  diagnostics: JsonDiagnostic[];
}

/** Text in, findings out: the whole pipeline without an editor, for the CLI and the tests. */
export function lintText(text: string, options: ParseOptions, settings: ZeropsSettings): LintResult {
  const document = TextDocument.create(options.fileName, 'yaml', 0, text);
  const findings = validate(parseZerops(text, options), settings);
  const diagnostics = findings.map((f) => ({
    code: f.rule,
    severity: f.severity,
    message: f.message,
    range: toRange(document, f.span),
    fixes: (f.fixes ?? []).map((x) => toLspFix(document, x)),
  }));
  return { document, findings, diagnostics };
}
