import { IncrementalParser, pieceAt, type Piece } from '../../model/incremental';
import { fileKind } from '../../model/kind';
import { ownerOf, signatureOf } from '../../model/lookup';
import type { ParseOptions } from '../../model/parse';
import { detach } from '../../model/pieces';
import type { ServiceModel, Span, ZeropsModel } from '../../model/types';
import { RULES } from '../../rules/registry';
import { isPerDocument, type FileContext, type Rule, type RuleFinding } from '../../rules/rule';
import { collectFindings, finishFindings, runRules, type ValidateOptions } from './validate';

// Checks successive versions of one import file, re-checking only what an edit touched. The parsing is
// model/incremental.ts: it gives the model and the pieces whose findings may have changed. Here each piece
// keeps the findings located in it, and a check re-runs the `perService` rules on the dirty pieces only;
// `perDocument` rules (file size, preprocessor, suppression comments, syntax) run on the whole model every
// time, they are cheap scans. A rule that reads a little of the whole file says what (`fileContext`), and
// a change there re-checks every piece.
//
// The result is always what `runRules(parseZerops(text))` gives; only the cost differs (the property test
// in test/incremental.test.ts holds it to that). A zerops.yml is parsed setup by setup the same way, and
// its piece rules run on the setups an edit reaches (`setupsReached`): `perSetup` rules once per setup.

export { MAX_PIECEWISE_LENGTH } from '../../model/incremental';

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

/** Rules whose findings the pieces keep: per service or setup, reading nothing that changes unseen. */
const PIECE_RULES: readonly Rule[] = RULES.filter((r) => !isPerDocument(r) && !r.dependsOn?.includes('files'));
/** Rules run on the whole model at every check: per document, or reading the files around (`dependsOn: files`). */
const DOCUMENT_RULES: readonly Rule[] = RULES.filter((r) => isPerDocument(r) || r.dependsOn?.includes('files'));
const FILE_CONTEXTS: readonly Rule[] = PIECE_RULES.filter((r) => r.fileContext);
/** Piece rules whose findings about a service also read the project's env variables (`dependsOn: project`). */
const PROJECT_RULES: readonly Rule[] = PIECE_RULES.filter((r) => r.dependsOn?.includes('project'));
const PROJECT_IDS: ReadonlySet<string> = new Set(PROJECT_RULES.map((r) => r.id));

/**
 * What of an import file's `project:` section the services' findings read: the project's env variables
 * that connect somewhere (references, URLs, bare port numbers), which every service inherits. An edit
 * elsewhere in it (the name, a plain variable) leaves the services' findings as they are.
 */
function projectSignature(model: ZeropsModel): string {
  const map = model.envMaps.find((m) => m.kind === 'project.envVariables');
  if (!map) return '';
  return JSON.stringify(map.entries.filter((e) => e.references.length || e.urls.length || /^\s*\d+\s*$/.test(e.source)).map((e) => [e.key, e.source]));
}

/** A setup's name and the names its `extends` gives: what links it to other setups. */
function setupNames(p: Piece): string[] {
  const s = p.setup;
  if (!s) return [];
  const out = (s.extends ?? []).map((e) => String(e.value));
  if (typeof s.name?.value === 'string') out.push(s.name.value);
  return out;
}

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
  private project = '';
  /** The other files' services of the last check, and the files holding them (a zerops.yml reads more of them than their signatures). */
  private external: readonly ServiceModel[] = [];
  private owners: readonly (ZeropsModel | undefined)[] = [];
  /** For a zerops.yml: per setup piece, its name and `extends` names at the last check, and its number. */
  private setupLinks = new Map<Piece, string[]>();
  private setupIndex = new WeakMap<Piece, number>();

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
    // Other files' services are read as this file's own are, and some rules read a little of the whole
    // file (line breaks, the preprocessor): when any of that changes, everything is checked again.
    const context = JSON.stringify([text.includes('\r\n'), (external ?? []).map(signatureOf), FILE_CONTEXTS.map((r) => r.fileContext!(text)), around.repository?.remotes, around.fileName, around.siblings]);
    // A file checked against the import files (a zerops.yml) reads more of their services than the signatures.
    const kind = fileKind(model.kind);
    const everything = context !== this.context || this.external.length !== (external ?? []).length
      || (!!kind?.checkedAgainstImports && (external ?? []).some((s, i) => s !== this.external[i] || ownerOf(s) !== this.owners[i]));
    this.context = context;
    this.external = [...(external ?? [])];
    this.owners = this.external.map(ownerOf);
    let dirty = pieces.filter((p) => everything || !this.findings.has(p));
    if (kind?.linkedEntries && !everything) dirty = this.setupsReached(pieces, dirty);
    this.rememberSetups(pieces);
    const set = new Set(dirty);
    if (dirty.length) {
      for (const p of dirty) this.findings.set(p, []);
      for (const f of collectFindings(dirty.length === pieces.length ? model : this.parser.part(model, set), PIECE_RULES, options)) {
        const p = pieces[pieceAt(pieces, f.span.start)];
        if (set.has(p)) this.findings.get(p)!.push(own(f));
      }
    }
    // What every service inherits from the project changed: the rules that read it run on every service.
    const project = projectSignature(model);
    if (project !== this.project && dirty.length < pieces.length && PROJECT_RULES.length) {
      for (const p of pieces) if (!set.has(p)) this.findings.set(p, this.findings.get(p)!.filter((f) => !PROJECT_IDS.has(f.rule)));
      for (const f of collectFindings(model, PROJECT_RULES, options)) {
        const p = pieces[pieceAt(pieces, f.span.start)];
        if (!set.has(p)) this.findings.get(p)!.push(own(f));
      }
    }
    this.project = project;
    const all = collectFindings(model, DOCUMENT_RULES, options);
    for (const p of pieces) for (const f of this.findings.get(p)!) all.push(f);
    const findings = finishFindings(text, all);
    this.lastStats = { path: 'pieces', parsed, checked: dirty.length, pieces: pieces.length, ms: performance.now() - t };
    return { model, findings };
  }

  /**
   * The pieces of a zerops.yml to check after an edit: the changed setups with every setup linked to them
   * through `extends` (parents and children, transitively, before and after the edit, since a finding
   * about a child may sit in its parent's text), and the head together with the entries that are not
   * setups, which the document's root reads as one.
   */
  private setupsReached(pieces: readonly Piece[], changed: readonly Piece[]): Piece[] {
    const current = new Set(pieces);
    // A setup deleted outright changes no piece, yet the setups it named or was named by must be checked
    // again (a parent it extended is no longer a template) and the unnamed ones after it are renumbered.
    let removed = false;
    const names = new Set<string>();
    for (const [p, list] of this.setupLinks) {
      if (current.has(p)) continue;
      removed = true;
      for (const n of list) names.add(n);
    }
    if (!changed.length && !removed) return [];
    const reached = new Set<Piece>();
    const todo: Piece[] = [];
    const add = (p: Piece) => {
      if (reached.has(p)) return;
      reached.add(p);
      todo.push(p);
    };
    for (const p of changed) add(p);
    // An unnamed setup is called by its number in messages: when the number changed, so do they.
    for (const p of pieces) if (p.setup && typeof p.setup.name?.value !== 'string' && this.setupIndex.get(p) !== p.setup.index) add(p);
    const byName = new Map<string, Piece[]>();
    for (const p of pieces) {
      for (const n of setupNames(p)) {
        let list = byName.get(n);
        if (!list) byName.set(n, (list = []));
        list.push(p);
      }
    }
    if (todo.some((p) => !p.setup)) for (const p of pieces) if (!p.setup) add(p);
    for (const n of names) for (const p of byName.get(n) ?? []) add(p);
    while (todo.length) {
      const p = todo.pop()!;
      for (const n of [...setupNames(p), ...(this.setupLinks.get(p) ?? [])]) for (const q of byName.get(n) ?? []) add(q);
    }
    return pieces.filter((p) => reached.has(p));
  }

  /** Keeps, per piece, the names linking its setup to others and its number, for the next edit. */
  private rememberSetups(pieces: readonly Piece[]): void {
    this.setupLinks = new Map();
    for (const p of pieces) {
      if (!p.setup) continue;
      this.setupLinks.set(p, setupNames(p));
      this.setupIndex.set(p, p.setup.index);
    }
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
