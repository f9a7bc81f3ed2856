import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument } from 'yaml';
import { complete } from '../server/src/service/features/completion';
import { hover } from '../server/src/service/features/hover';
import { IncrementalChecker } from '../server/src/service/check/incremental';
import { codeActions, toDiagnostic } from '../server/src/service/lsp/diagnostics';
import { planProject } from '../server/src/service/plan';
import { inlayHints } from '../server/src/service/features/inlay-hints';
import { codeLenses } from '../server/src/service/features/lenses-links';
import { EDIT_VALUES, busyPositions, logLevelValue, replaceValue } from './positions';
import { sample, sampleAlternately, type SampleOptions, type Summary } from './stats';

// The language service in process: no transport, no debounce. What the server's own work costs.

const FILE = { fileName: 'import.yaml' };

export interface ServiceResult {
  services: number;
  bytes: number;
  lines: number;
  /** Rule ids of the findings on the generated file, with counts: the file should be (nearly) clean. */
  findings: Record<string, number>;
  /** Why the model is empty, if the parser refused the file (too large): then every figure is of that refusal. */
  skipped?: string;
  parse: Summary;
  cold: Summary;
  /** planProject over the file (parse, check and plan), sampled in turns with a cold check. */
  plan: Summary;
  planCold: Summary;
  edit: Summary;
  /** What the checker says it did on the last edit (pieces vs whole). */
  editPath: string;
  hoverReference: Summary;
  hoverPort: Summary;
  completeReference: Summary;
  completePort: Summary;
  codeActions: Summary;
  /** Which range the code actions were asked for, and how many actions came back. */
  codeActionsAt: string;
  /** Inlay hints for a screenful (VISIBLE_LINES lines) in the middle of the file, and CodeLens for the whole file. */
  inlayHints: Summary;
  inlayHintsAt: string;
  codeLens: Summary;
  codeLensCount: number;
}

/** What an editor window shows at once, and asks inlay hints for. */
const VISIBLE_LINES = 60;

/** Fewer samples for big files: a 5000-service check takes long enough that 50 samples would. */
function budget(services: number, heavy: boolean): SampleOptions {
  if (!heavy) return { warmup: 20, min: 20, max: 500, budgetMs: 600 };
  if (services >= 5000) return { warmup: 1, min: 5, max: 15, budgetMs: 4000 };
  // Small files take a millisecond: many samples, or a collector pause decides the median, and a long
  // warm-up, or the median times code the JIT has not compiled yet (a server runs for hours).
  return services <= 100 ? { warmup: 300, min: 30, max: 400, budgetMs: 2500 } : { warmup: 3, min: 10, max: 60, budgetMs: 2500 };
}

function countFindings(rules: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rules) out[r] = (out[r] ?? 0) + 1;
  return out;
}

export function benchService(services: number, text: string): ServiceResult {
  const heavy = budget(services, true);
  const light = budget(services, false);

  // In turns: the ratio of the two is a target.
  const [parse, cold] = sampleAlternately(() => parseDocument(text), () => new IncrementalChecker(FILE).check(text), heavy);
  // The plan's target is against the check: the two in turns as well.
  const [plan, planCold] = sampleAlternately(() => planProject([{ fileName: FILE.fileName, text }]), () => new IncrementalChecker(FILE).check(text), heavy);

  const value = logLevelValue(text, services);
  const edited = EDIT_VALUES.map((v) => replaceValue(text, value, v));
  const checker = new IncrementalChecker(FILE);
  const { findings } = checker.check(text);
  const edit = sample((i) => checker.check(edited[i % edited.length]), heavy);
  const s = checker.lastStats;
  const editPath = `${s.path}, ${s.parsed}/${s.checked}/${s.pieces} parsed/checked/pieces`;

  // Questions are asked of the version checked last, as the server would: check the original again.
  const fresh = new IncrementalChecker(FILE).check(text);
  const at = busyPositions(text, services);
  const hoverReference = sample(() => hover(fresh.model, at.reference), light);
  const hoverPort = sample(() => hover(fresh.model, at.port), light);
  const completeReference = sample(() => complete(fresh.model, at.referenceVariable), light);
  const completePort = sample(() => complete(fresh.model, at.port), light);

  // Code actions where there is something to fix: the middle api's session URL moved to port 7000, a read
  // replica its single-node Valkey does not have (valkey-replica-port, with its fixes).
  const digits = at.port - 2;
  const mistaken = `${text.slice(0, digits)}7000${text.slice(digits + 4)}`;
  const checked = new IncrementalChecker(FILE).check(mistaken);
  const doc = TextDocument.create('file:///bench/import.yaml', 'yaml', 1, mistaken);
  const line = doc.positionAt(digits).line;
  const onLine = checked.findings.map((f) => toDiagnostic(doc, f)).filter((d) => d.range.start.line <= line && d.range.end.line >= line);
  const actions = codeActions(doc, checked.findings, onLine).length;
  const codeActionsTime = sample(() => codeActions(doc, checked.findings, onLine), light);
  const ctx = { at: `line ${line + 1} (${onLine.map((d) => d.code).join(', ') || 'no diagnostic'})` };

  // Inlay hints for the lines a window shows, in the middle of the file; CodeLens for the whole file.
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const mid = Math.floor(lineStarts.length / 2);
  const visible = { start: lineStarts[mid], end: lineStarts[Math.min(mid + VISIBLE_LINES, lineStarts.length - 1)] };
  const hintCount = inlayHints(fresh.model, visible).length;
  const inlayHintsTime = sample(() => inlayHints(fresh.model, visible), light);
  const file = { uri: 'file:///bench/import.yaml', model: fresh.model };
  const codeLensCount = codeLenses([file], file).length;
  const codeLensTime = sample(() => codeLenses([file], file), light);

  return {
    inlayHints: inlayHintsTime, inlayHintsAt: `lines ${mid + 1}–${mid + VISIBLE_LINES} → ${hintCount} hint(s)`,
    codeLens: codeLensTime, codeLensCount,
    services, bytes: Buffer.byteLength(text), lines: text.split('\n').length - 1,
    findings: countFindings(findings.map((f) => f.rule)), skipped: fresh.model.skipped,
    parse, cold, plan, planCold, edit, editPath, hoverReference, hoverPort, completeReference, completePort,
    codeActions: codeActionsTime, codeActionsAt: `${ctx.at} → ${actions} action(s)`,
  };
}
