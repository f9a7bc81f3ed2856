import { IncrementalParser, pieceAt, type Piece } from '../model/incremental';
import { signatureOf } from '../model/lookup';
import type { ParseOptions } from '../model/parse';
import { detach } from '../model/pieces';
import type { ServiceModel, Span, ZeropsModel } from '../model/types';
import { RULES } from '../rules/registry';
import { isPerDocument, type FileContext, type Rule, type RuleFinding } from '../rules/rule';
import { collectFindings, finishFindings, runRules, type ValidateOptions } from './validate';

// Checks successive versions of one import file, re-checking only what an edit touched. The parsing is
// model/incremental.ts: it gives the model and the pieces whose findings may have changed. Here each piece
// keeps the findings located in it, and a check re-runs the `perService` rules on the dirty pieces only;
// `perDocument` rules (file size, preprocessor, suppression comments, syntax) run on the whole model every
// time, they are cheap scans. A rule that reads a little of the whole file says what (`fileContext`), and
// a change there re-checks every piece.
//
// The result is always what `runRules(parseZerops(text))` gives; only the cost differs (the property test
// in test/incremental.test.ts holds it to that). A zerops.yml is parsed setup by setup the same way, but
// checked whole.

export { MAX_PIECEWISE_LENGTH } from '../model/incremental';

export interface CheckStats {
  /** 'pieces': checked piece by piece; 'whole': the whole text at once (the fallback). */
  path: 'pieces' | 'whole';
  /** Pieces parsed again and pieces whose findings were computed again, of `pieces`. */
  parsed: number;
  checked: number;
  pieces: number;
  ms: number;
}

export interface CheckResult {
  model: ZeropsModel;
  /** Every finding at its default level, suppressions applied, in file order. */
  findings: RuleFinding[];
}

const PIECE_RULES: readonly Rule[] = RULES.filter((r) => !isPerDocument(r));
const DOCUMENT_RULES: readonly Rule[] = RULES.filter(isPerDocument);
const FILE_CONTEXTS: readonly Rule[] = PIECE_RULES.filter((r) => r.fileContext);

/** A copy of a finding with spans of its own, so moving it never moves a model's span (or another finding's). */
function own(f: RuleFinding): RuleFinding {
  // Its strings too: a message built from a slice of the text would keep this version's text alive.
  const copy: RuleFinding = { ...f, message: detach(f.message), span: { ...f.span } };
  if (f.related) copy.related = f.related.map((r) => ({ ...r, span: { ...r.span }, message: detach(r.message) }));
  if (f.fixes) copy.fixes = f.fixes.map((x) => ({ ...x, title: detach(x.title), edits: x.edits.map((e) => ({ ...e, span: { ...e.span }, newText: detach(e.newText) })) }));
  return copy;
}

function* spansOf(f: RuleFinding): Generator<Span> {
  yield f.span;
  for (const r of f.related ?? []) yield r.span;
  for (const x of f.fixes ?? []) for (const e of x.edits) yield e.span;
}

export class IncrementalChecker {
  lastStats: CheckStats = { path: 'whole', parsed: 0, checked: 0, pieces: 0, ms: 0 };
  private readonly parser: IncrementalParser;
  /** The findings located in each piece, for its current position; none when they must be computed. */
  private findings = new WeakMap<Piece, RuleFinding[]>();
  private context = '';

  constructor(options: ParseOptions) {
    this.parser = new IncrementalParser(options);
  }

  /** The model of `text` (see IncrementalParser.parse); valid until the next call. */
  parse(text: string): ZeropsModel {
    return this.parser.parse(text);
  }

  /**
   * Parses `text` (see `parse`) and checks it: every finding at its default level, suppressions applied,
   * in file order, exactly as `runRules` on a whole parse gives them.
   */
  check(text: string, external?: readonly ServiceModel[], onRuleError?: ValidateOptions['onRuleError'], around: FileContext = {}): CheckResult {
    const t = performance.now();
    const model = this.parser.parse(text);
    const { dirty: changed, moves, parsed } = this.parser.takeChanges();
    this.forget(changed, moves);
    const options = { external, onRuleError, ...around };
    if (!this.parser.piecewise) {
      const findings = runRules(model, options);
      this.lastStats = { path: 'whole', parsed, checked: 1, pieces: 1, ms: performance.now() - t };
      return { model, findings };
    }
    const pieces = this.parser.currentPieces;
    if (model.kind === 'zerops-yml') {
      // Parsed setup by setup, checked whole: a setup's findings depend on its `extends` chain and on the
      // setups extending it, which the pieces do not track.
      const findings = runRules(model, options);
      this.lastStats = { path: 'pieces', parsed, checked: pieces.length, pieces: pieces.length, ms: performance.now() - t };
      return { model, findings };
    }
    // Other files' services are read as this file's own are, and some rules read a little of the whole
    // file (line breaks, the preprocessor): when any of that changes, everything is checked again.
    const context = JSON.stringify([text.includes('\r\n'), (external ?? []).map(signatureOf), FILE_CONTEXTS.map((r) => r.fileContext!(text))]);
    // The head holds the project's env variables, which every service's env reads as its own (a password
    // there answers valkey-no-auth in a service): when it changed, everything is checked again.
    const everything = context !== this.context || !this.findings.has(pieces[0]);
    this.context = context;
    const dirty = pieces.filter((p) => everything || !this.findings.has(p));
    if (dirty.length) {
      const set = new Set(dirty);
      for (const p of dirty) this.findings.set(p, []);
      for (const f of collectFindings(dirty.length === pieces.length ? model : this.parser.part(model, set), PIECE_RULES, options)) {
        const p = pieces[pieceAt(pieces, f.span.start)];
        if (set.has(p)) this.findings.get(p)!.push(own(f));
      }
    }
    const all = collectFindings(model, DOCUMENT_RULES, options);
    for (const p of pieces) for (const f of this.findings.get(p)!) all.push(f);
    const findings = finishFindings(text, all);
    this.lastStats = { path: 'pieces', parsed, checked: dirty.length, pieces: pieces.length, ms: performance.now() - t };
    return { model, findings };
  }

  /** Moves the kept findings with the edits since the last check, and forgets those that may have changed. */
  private forget(changed: ReadonlySet<Piece>, moves: readonly { from: number; to: number; shift: number }[]): void {
    for (const p of changed) this.findings.delete(p);
    if (!moves.length) return;
    for (const p of this.parser.currentPieces) {
      const list = this.findings.get(p);
      if (!list) continue;
      let stale = false;
      for (const m of moves) {
        for (const f of list) {
          for (const s of spansOf(f)) {
            // Findings kept must not point into what changed (a related location, a fix's edit); the rest move.
            if (s.start < m.to && s.end > m.from) stale = true;
            else if (s.start >= m.to) {
              s.start += m.shift;
              s.end += m.shift;
            }
          }
        }
      }
      if (stale) this.findings.delete(p);
    }
  }
}
