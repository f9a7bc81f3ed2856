import type { ParseOptions } from '../model/parse';
import type { Span, ZeropsModel } from '../model/types';
import { applyOffsetEdits } from '../rules/edits';
import type { FileAccess, OffsetEdit, RepositoryInfo, Rule, RuleFinding } from '../rules/rule';
import { complete } from './features/completion';
import type { CompletionEntry } from './features/completion-entry';
import { hover } from './features/hover';
import type { HoverResult } from './features/feature';
import { IncrementalChecker } from './check/incremental';
import { planPreferredFixes } from '../rules/edits';
import type { FileEdits, FileSpan, OutlineSymbol } from './features/feature';
import { definition, documentSymbols, prepareRename, references, rename, type RenameResult } from './features/navigation';
import { applySettings } from './check/validate';
import { WorkspaceIndex, type WorkspaceFile } from './workspace';
import { inlayHints, type InlayHintEntry } from './features/inlay-hints';
import { codeLenses, documentLinks, type CodeLensEntry, type LinkEntry } from './features/lenses-links';
import { hideRepeatedWarnings } from './features/hover-findings';
import { changeOffset, editorFindings, type EditorFindings } from './check/typing';
import type { ZeropsSettings } from './settings';

// The project: one transport-free object for a set of Zerops files, the open documents and the files read
// from disk, with a checker per document, the workspace index and its generations. Every front end asks
// it the same questions (diagnostics, hover, completion, fixes, symbols, definition, references, rename,
// fix-all) in offsets; the language server adds the connection, document sync, debounce, settings and
// file watching, the CLI adds file discovery, output formats and the --fix loop.

export interface ProjectOptions {
  /** The index key of a document (the server folds URI spellings; the CLI keys by path). */
  keyOf?: (uri: string) => string;
  /** A rule threw: its findings are lost for this check, the rest stand. */
  onRuleError?: (uri: string, rule: Rule, error: unknown) => void;
  /** The services other documents see changed: open documents other than `exceptKey` need checking again. */
  onServicesChanged?: (exceptKey?: string) => void;
  /** The files a check may read around a file (read-only, bounded); none when absent. */
  filesFor?: (key: string) => FileAccess | undefined;
  /** The git work tree holding a file (any string naming it), undefined outside one: import files pair with a zerops.yml only within it. */
  workTreeOf?: (key: string) => string | undefined;
}

/** A document's model and findings at one version and one index generation. */
export interface Analysis {
  version: number;
  /** The workspace index generation the findings were computed against. */
  generation: number;
  model: ZeropsModel;
  /** All findings at default levels; settings are applied by `diagnostics`. */
  findings: RuleFinding[];
}

interface OpenDocument {
  uri: string;
  text: string;
  version: number;
  /** Its own incremental checker: a new version costs what its changes cost. */
  checker: IncrementalChecker;
  analysis?: Analysis;
  /** The model of the current text when it was parsed but not checked yet. */
  parsed?: { version: number; model: ZeropsModel };
  /** Where the change that made the current version was typed (none for a version opened whole). */
  typedAt?: number;
}

/** What fix-all did: the text after every preferred fix, or the clash that stopped it. */
export interface FixAllResult {
  text: string;
  /** Each finding whose fix was applied, with the text (of its pass) its span is in. */
  applied: { finding: RuleFinding; text: string }[];
  /** Fixes that overlap another, in the text they were found in: when there are any, nothing is applied. */
  clashed: { finding: RuleFinding; text: string }[];
}

export class Project {
  private readonly index: WorkspaceIndex;
  private readonly docs = new Map<string, OpenDocument>();
  private gen = 0;
  private readonly keyOf: (uri: string) => string;

  constructor(private readonly options: ProjectOptions = {}) {
    this.keyOf = options.keyOf ?? ((u) => u);
    this.index = new WorkspaceIndex(options.filesFor, options.workTreeOf);
  }

  /** Bumped whenever the services the index offers change; findings computed before are stale. */
  get generation(): number {
    return this.gen;
  }

  // ---- documents --------------------------------------------------------------------------------------

  /** Opens (or replaces) a document; parsing and checking wait for the first question about it. */
  open(uri: string, text: string, version = 0, parse: ParseOptions = { fileName: uri }): void {
    this.docs.set(uri, { uri, text, version, checker: new IncrementalChecker(parse) });
  }

  /** A new version of an open document's text (by default, the next version number). */
  change(uri: string, text: string, version?: number): void {
    const doc = this.docs.get(uri);
    if (!doc) return this.open(uri, text, version);
    doc.typedAt = changeOffset(doc.text, text);
    doc.text = text;
    doc.version = version ?? doc.version + 1;
  }

  /** Forgets an open document; the caller re-reads the file from disk (setDiskFile) if it should stay indexed. */
  close(uri: string): void {
    this.docs.delete(uri);
  }

  isOpen(uri: string): boolean {
    return this.docs.has(uri);
  }

  /** Open documents' URIs, in the order they were opened. */
  openDocuments(): string[] {
    return [...this.docs.keys()];
  }

  text(uri: string): string | undefined {
    return this.docs.get(uri)?.text;
  }

  /** The version of an open document's current text. */
  version(uri: string): number | undefined {
    return this.docs.get(uri)?.version;
  }

  // ---- files from disk --------------------------------------------------------------------------------

  /** A file read from disk (`text`), or gone from it (undefined). Returns whether the index's services changed. */
  setDiskFile(key: string, text: string | undefined, uri = key): boolean {
    return this.setDiskFiles([{ key, uri, text }]);
  }

  /**
   * Files read from disk (`text`) or gone from it (undefined), taken in together: open documents are told
   * once, when the services the index offers changed (`always`: after a scan, whatever changed, since the
   * repositories read with it change checks too; `never`: a scan follows). Returns whether the services changed.
   */
  setDiskFiles(files: Iterable<{ key: string; uri?: string; text: string | undefined }>, notify: 'changed' | 'always' | 'never' = 'changed'): boolean {
    let changed = false;
    for (const { key, uri = key, text } of files) {
      changed = (text === undefined ? this.index.delete(key) : this.index.setText(key, uri, text)) || changed;
    }
    if (notify === 'always' || (changed && notify === 'changed')) this.servicesChanged();
    return changed;
  }

  /** Whether the file `key` is indexed (read from disk, or an open document). */
  isIndexed(key: string): boolean {
    return this.index.get(key) !== undefined;
  }

  /** The URIs of every indexed file, in key order. */
  indexedUris(): string[] {
    return this.index.files().map((f) => f.uri);
  }

  setRepository(folderKey: string, info: RepositoryInfo): void {
    this.index.setRepository(folderKey, info);
  }

  /** The index changed outside a document check (a scan, a folder change): every open document is stale. */
  servicesChanged(exceptKey?: string): void {
    this.gen++;
    this.options.onServicesChanged?.(exceptKey);
  }

  // ---- analysis ---------------------------------------------------------------------------------------

  /** The model of the current text, parsed (and indexed) without checking: what cross-file checks read. */
  model(uri: string): ZeropsModel | undefined {
    const doc = this.docs.get(uri);
    if (!doc) return undefined;
    if (doc.analysis?.version === doc.version) return doc.analysis.model;
    if (doc.parsed?.version !== doc.version) {
      doc.parsed = { version: doc.version, model: doc.checker.parse(doc.text) };
      this.indexDocument(doc.uri, doc.parsed.model);
    }
    return doc.parsed.model;
  }

  /** Parses and checks a document version once; every question about that version reads the result. */
  analysis(uri: string): Analysis | undefined {
    const doc = this.docs.get(uri);
    if (!doc) return undefined;
    const cached = doc.analysis;
    // The other open documents at their current text first: their services are what this one is checked against.
    for (const other of this.docs.keys()) if (other !== uri) this.model(other);
    if (cached && cached.version === doc.version && cached.generation === this.gen) return cached;
    const key = this.keyOf(uri);
    const { model, findings } = doc.checker.check(doc.text, this.index.servicesFor(key),
      (rule, err) => this.options.onRuleError?.(uri, rule, err), this.index.contextFor(key));
    doc.parsed = undefined;
    this.indexDocument(uri, model);
    doc.analysis = { version: doc.version, generation: this.gen, model, findings };
    return doc.analysis;
  }

  private indexDocument(uri: string, model: ZeropsModel): void {
    const key = this.keyOf(uri);
    if (this.index.set(key, uri, model)) this.servicesChanged(key);
  }

  /** The findings of `uri` at the levels `settings` ask for. */
  diagnostics(uri: string, settings: ZeropsSettings): RuleFinding[] {
    const a = this.analysis(uri);
    return a ? applySettings(a.findings, settings) : [];
  }

  /**
   * What an editor shows (see typing.ts): the diagnostics at `settings`' levels, an empty zerops.yml as
   * information, and, unless `quiet`, without a reference finding where the last change was typed.
   */
  editorDiagnostics(uri: string, settings: ZeropsSettings, quiet: boolean): EditorFindings {
    const findings = this.diagnostics(uri, settings);
    return editorFindings(findings, quiet ? undefined : this.docs.get(uri)?.typedAt);
  }

  // ---- features, in offsets ---------------------------------------------------------------------------

  private externalServices(uri: string) {
    return this.index.servicesFor(this.keyOf(uri));
  }

  /** The hover at `offset`; with `settings`, without the warnings a diagnostic shown at that place already says. */
  hover(uri: string, offset: number, settings?: ZeropsSettings): HoverResult | null {
    const a = this.analysis(uri);
    const h = a ? hover(a.model, offset, this.externalServices(uri)) : null;
    return h && settings ? hideRepeatedWarnings(h, applySettings(a!.findings, settings)) : h;
  }

  /** Inlay hints for the part of the document from `start` to `end`, from the analysis of its current version. */
  inlayHints(uri: string, start: number, end: number): InlayHintEntry[] {
    const a = this.analysis(uri);
    return a ? inlayHints(a.model, { start, end }, this.externalServices(uri)) : [];
  }

  codeLenses(uri: string): CodeLensEntry[] {
    const f = this.file(uri);
    return f ? codeLenses(this.files(), f) : [];
  }

  documentLinks(uri: string): LinkEntry[] {
    const a = this.analysis(uri);
    return a ? documentLinks(a.model, uri, this.index.contextFor(this.keyOf(uri)).files) : [];
  }

  /**
   * Checks every indexed file that is not open, as the CLI checks it (open documents have their own
   * diagnostics): each file's findings at default levels, under the URI it was indexed with.
   */
  checkDiskFiles(): { uri: string; text: string; findings: RuleFinding[] }[] {
    const open = new Set([...this.docs.keys()].map(this.keyOf));
    const out: { uri: string; text: string; findings: RuleFinding[] }[] = [];
    for (const [key, file] of this.index.entries()) {
      if (open.has(key)) continue;
      const checker = new IncrementalChecker({ fileName: file.uri });
      const { findings } = checker.check(file.model.text, this.index.servicesFor(key),
        (rule, err) => this.options.onRuleError?.(file.uri, rule, err), this.index.contextFor(key));
      out.push({ uri: file.uri, text: file.model.text, findings });
    }
    return out;
  }

  /** `trigger`: the character whose typing made the client ask (a space asks only after `base: `, `type: `, `os: `). */
  complete(uri: string, offset: number, trigger?: string): CompletionEntry[] {
    const a = this.analysis(uri);
    return a ? complete(a.model, offset, this.externalServices(uri), trigger) : [];
  }

  /** The document as the index sees it, at its current version. */
  file(uri: string): WorkspaceFile | undefined {
    const a = this.analysis(uri);
    return a && { uri, model: a.model };
  }

  /** Every indexed file, with each open document at its current version. */
  files(): WorkspaceFile[] {
    for (const uri of this.docs.keys()) this.analysis(uri);
    return this.index.files();
  }

  private readonly repositoryOf = (uri: string) => this.index.repositoryFor(this.keyOf(uri));

  /** The text of `uri` as the answers below see it: an open document's current text, or the indexed file's. */
  textOf(uri: string): string | undefined {
    return this.docs.get(uri)?.text ?? this.index.files().find((f) => f.uri === uri)?.model.text;
  }

  symbols(uri: string): OutlineSymbol[] {
    const f = this.file(uri);
    return f ? documentSymbols(f) : [];
  }

  definition(uri: string, offset: number): FileSpan[] {
    const f = this.file(uri);
    return f ? definition(this.files(), f, offset, this.repositoryOf) : [];
  }

  references(uri: string, offset: number, includeDeclaration: boolean): FileSpan[] {
    const f = this.file(uri);
    return f ? references(this.files(), f, offset, includeDeclaration, this.repositoryOf) : [];
  }

  prepareRename(uri: string, offset: number): RenameResult<{ span: Span; placeholder: string }> | undefined {
    const f = this.file(uri);
    return f ? prepareRename(this.files(), f, offset, this.repositoryOf) : undefined;
  }

  rename(uri: string, offset: number, newName: string): RenameResult<FileEdits> {
    const f = this.file(uri);
    return f ? rename(this.files(), f, offset, newName, this.repositoryOf) : { error: 'The document is not open.' };
  }

  /** The edits of every preferred fix of the current findings, unless two of them overlap. */
  fixAllEdits(uri: string, settings: ZeropsSettings): { edits: OffsetEdit[]; applied: RuleFinding[]; clashed: RuleFinding[] } {
    return planPreferredFixes(this.diagnostics(uri, settings));
  }

  /**
   * Applies every preferred fix of `uri`, re-checking until nothing more is fixable (at most `passes`
   * rounds: a fix can make another one possible). If any two fixes overlap, the text stays as it was.
   * The document's text becomes the fixed text.
   */
  fixAll(uri: string, settings: ZeropsSettings, passes = 10): FixAllResult {
    const doc = this.docs.get(uri);
    if (!doc) return { text: '', applied: [], clashed: [] };
    const original = doc.text;
    const applied: FixAllResult['applied'] = [];
    for (let pass = 0; pass < passes; pass++) {
      const plan = this.fixAllEdits(uri, settings);
      const text = doc.text;
      if (plan.clashed.length > 0) {
        if (doc.text !== original) this.change(uri, original);
        return { text: original, applied: [], clashed: plan.clashed.map((finding) => ({ finding, text })) };
      }
      if (plan.edits.length === 0) break;
      applied.push(...plan.applied.map((finding) => ({ finding, text })));
      this.change(uri, applyOffsetEdits(doc.text, plan.edits));
    }
    return { text: doc.text, applied, clashed: [] };
  }
}
