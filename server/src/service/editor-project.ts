import type { ZeropsKind } from '../model/kind';
import type { Span } from '../model/types';
import type { RuleFinding } from '../rules/rule';
import { CheckScheduler } from './check/debounce';
import { applySettings } from './check/validate';
import type { CodeLensEntry, FileEdits, FileSpan, HoverResult, InlayHintEntry, LinkEntry, OutlineSymbol } from './features/feature';
import type { CompletionEntry } from './features/completion-entry';
import type { RenameResult } from './features/navigation';
import { planProject } from './plan';
import { nodeIds, planMermaid } from './plan-render';
import type { PlanAnswer, PlanInput } from './plan-types';
import { Project } from './project';
import { SettingsStore, type ZeropsSettings } from './settings';
import { WorkspaceFolders } from './workspace-folders';
import type { WorkspaceHost } from './workspace-host';
import { stackOf } from '../util/errors';

// The project as one editor connection sees it: the project (project.ts) with what an editor adds, the
// settings of each folder, when each open document is checked (check/debounce.ts), what was last shown,
// and the workspace folders read through the host and kept current (workspace-folders.ts). Transport-free:
// the language server (server.ts) converts LSP to offsets and back around these methods, and is told
// through `EditorClient` what to send.

/** What the editor project asks of the front end. */
export interface EditorClient {
  /** Show an open document's findings at `version` (converted at the edge); resolves once sent. */
  publish(uri: string, version: number, findings: readonly RuleFinding[]): Promise<void>;
  /** Show the findings of a file that is not open, whose text is `text`. */
  publishFile(uri: string, text: string, findings: readonly RuleFinding[]): Promise<void>;
  /** Lenses and hints read other files and the settings: ask the client to ask for them again. */
  refresh(): void;
  /** A failure no answer shows: the server's log. */
  log(message: string): void;
}

/** How long a burst of workspace or settings changes is gathered into one refresh of lenses and hints. */
const REFRESH_MS = 200;

export class EditorProject {
  private readonly project: Project;
  private readonly settings = new SettingsStore();
  private readonly checks: CheckScheduler;
  private readonly folders: WorkspaceFolders;
  /** What was last published per document, so an unchanged result is not sent again. */
  private readonly lastSent = new Map<string, string>();
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: WorkspaceHost, private readonly client: EditorClient) {
    this.checks = new CheckScheduler((uri, quiet) => this.publish(uri, quiet).catch((err) => client.log(`validation of ${uri} failed: ${stackOf(err)}`)));
    // The open documents and the Zerops files of the workspace folders, read through the host (a zerops.yml
    // is checked against the services the import files define; when those change, open documents are
    // checked again).
    this.project = new Project({
      keyOf: (uri) => host.keyOf(uri),
      filesFor: (key) => host.filesAround(key, this.folders.folders),
      // Import files pair with a zerops.yml only inside one git work tree (a folder of several repositories).
      workTreeOf: (key) => host.workTreeOf?.(key, this.folders.folders),
      onRuleError: (uri, rule, err) => client.log(`rule ${rule.id} failed on ${uri}: ${stackOf(err)}`),
      // Open documents are checked again against the changed index; `exceptKey` is the one that changed it.
      onServicesChanged: (exceptKey) => {
        for (const uri of this.project.openDocuments()) if (host.keyOf(uri) !== exceptKey) this.checks.now(uri);
        this.refreshLater();
      },
    });
    this.folders = new WorkspaceFolders(this.project, host, (key) => this.project.openDocuments().some((uri) => host.keyOf(uri) === key));
    // A host that answers after the checks asked (the client's file system) has them asked again.
    host.onFilesArrived?.(() => this.project.servicesChanged());
  }

  // ---- the connection's life ------------------------------------------------------------------------

  /**
   * What the client said at the start: its workspace folders (URIs), the settings it sent for everything,
   * and `pull`, when it can be asked for each folder's own.
   */
  initialize(folderUris: readonly string[], settings: unknown, pull?: (uri: string) => PromiseLike<unknown>): void {
    if (pull) this.settings.pull = pull;
    if (settings) this.settings.changed(settings);
    this.folders.folders = this.folders.keysOf(folderUris);
  }

  /** The client is ready: the workspace folders are read. */
  started(): void {
    this.folders.scan().catch((err) => this.client.log(`reading the workspace failed: ${stackOf(err)}`));
  }

  foldersChanged(added: readonly string[], removed: readonly string[]): void {
    this.folders.change(this.folders.keysOf(added), this.folders.keysOf(removed))
      .catch((err) => this.client.log(`reading the new workspace folders failed: ${stackOf(err)}`));
  }

  /** Files created, changed or deleted in the workspace (file-watch events). */
  filesChanged(changes: readonly { uri: string; deleted: boolean }[]): void {
    this.folders.filesChanged(changes).catch((err) => this.client.log(`reading changed files failed: ${stackOf(err)}`));
  }

  /** The client's settings changed (`raw`, when it sent them): every open document is checked again. */
  settingsChanged(raw: unknown): void {
    this.settings.changed(raw);
    for (const uri of this.project.openDocuments()) this.checks.now(uri);
    this.refreshLater();
  }

  // ---- open documents -------------------------------------------------------------------------------

  /** A document opened or edited: one never checked is checked at once, an edit after a short quiet period. */
  changed(uri: string, text: string, version: number): void {
    if (this.project.isOpen(uri)) {
      this.project.change(uri, text, version);
      this.checks.edited(uri);
    } else {
      this.project.open(uri, text, version);
      this.checks.now(uri);
    }
  }

  /** A document closed: it gives way to the file in the workspace, if there is one. */
  closed(uri: string): void {
    this.checks.forget(uri);
    this.project.close(uri);
    this.settings.forget(uri);
    this.lastSent.delete(uri);
    this.folders.closed(uri).catch((err) => this.client.log(`re-reading ${uri} failed: ${String(err)}`));
  }

  private async publish(uri: string, quiet: boolean): Promise<void> {
    const version = this.project.version(uri);
    if (version === undefined) return;
    // Asked before the check, so a pull from the client overlaps it instead of following it.
    const pending = this.settings.for(uri);
    this.project.analysis(uri);
    const levels = await pending;
    // The settings round trip let a newer version arrive; its own check will publish.
    if (this.project.version(uri) !== version) return;
    const shown = this.project.editorDiagnostics(uri, levels, quiet);
    // A finding held back where the user is typing (check/typing.ts) is shown by a quiet check once typing pauses.
    if (shown.held) this.checks.quietLater(uri);
    // A re-check after a workspace change often finds the same: the client has it already.
    const sent = JSON.stringify([version, shown.findings]);
    if (this.lastSent.get(uri) === sent) return;
    this.lastSent.set(uri, sent);
    await this.client.publish(uri, version, shown.findings);
  }

  /**
   * Lenses and hints read other files (who uses a service, which services build with a setup) and the
   * settings; the client asks again only when the document itself changes, so after a workspace or
   * settings change it is asked to refresh them, once for a burst of changes.
   */
  private refreshLater(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.client.refresh(), REFRESH_MS);
  }

  // ---- questions about an open document, in offsets -------------------------------------------------

  /** The kind of an open Zerops document (by name or by content); undefined for any other. */
  kindOf(uri: string): ZeropsKind | undefined {
    const kind = this.project.analysis(uri)?.model.kind;
    return kind === 'other' ? undefined : kind;
  }

  /**
   * The one gate every question passes: the settings of an open Zerops document in a folder where
   * `zerops.enable` is not false; undefined for anything else (a workflow file, a compose file, a disabled
   * folder), which gets the empty answer, as it gets no diagnostics.
   */
  async zeropsSettings(uri: string): Promise<ZeropsSettings | undefined> {
    if (!this.kindOf(uri)) return undefined;
    const settings = await this.settings.for(uri);
    // The settings round trip may have let a newer version in: it is asked about as it is now.
    return settings.enable && this.kindOf(uri) ? settings : undefined;
  }

  /** Every finding of the current version at its default level: what quick fixes are matched against. */
  findings(uri: string): RuleFinding[] {
    return this.project.analysis(uri)?.findings ?? [];
  }

  /** The findings at the levels `settings` give: what fix-all fixes. */
  diagnostics(uri: string, settings: ZeropsSettings): RuleFinding[] {
    return this.project.diagnostics(uri, settings);
  }

  hover(uri: string, offset: number, settings: ZeropsSettings): HoverResult | null {
    return this.project.hover(uri, offset, settings);
  }

  complete(uri: string, offset: number, trigger?: string): CompletionEntry[] {
    return this.project.complete(uri, offset, trigger);
  }

  inlayHints(uri: string, range: Span, settings: ZeropsSettings): InlayHintEntry[] {
    return settings.inlayHints ? this.project.inlayHints(uri, range.start, range.end) : [];
  }

  codeLenses(uri: string, settings: ZeropsSettings): CodeLensEntry[] {
    return settings.codeLens ? this.project.codeLenses(uri) : [];
  }

  documentLinks(uri: string): LinkEntry[] {
    return this.project.documentLinks(uri);
  }

  symbols(uri: string): OutlineSymbol[] {
    return this.project.symbols(uri);
  }

  definition(uri: string, offset: number): FileSpan[] {
    return this.project.definition(uri, offset);
  }

  references(uri: string, offset: number, includeDeclaration: boolean): FileSpan[] {
    return this.project.references(uri, offset, includeDeclaration);
  }

  prepareRename(uri: string, offset: number): RenameResult<{ span: Span; placeholder: string }> | undefined {
    return this.project.prepareRename(uri, offset);
  }

  rename(uri: string, offset: number, newName: string): RenameResult<FileEdits> {
    return this.project.rename(uri, offset, newName);
  }

  /** The text of a file the answers point into: an open document's, or the indexed file's. */
  textOf(uri: string): string | undefined {
    return this.project.textOf(uri);
  }

  // ---- the workspace --------------------------------------------------------------------------------

  /** A file by its path inside its workspace folder (as the CLI names it), else by its URI. */
  private display(uri: string): string {
    const key = this.host.keyOf(uri);
    const folder = this.folders.folders.find((f) => this.host.isInside(key, [f]) && key !== f);
    if (folder === undefined) return uri;
    const rest = key.slice(folder.length).replace(/^[\\/]+/, '').replace(/\\/g, '/');
    try {
      return decodeURIComponent(rest);
    } catch {
      return rest;
    }
  }

  /**
   * The editor's project preview (client/src/preview.ts): the plan of the project `uri` belongs to, over
   * the open documents and the workspace's files, with the diagram and where each file is.
   */
  async plan(uri: string): Promise<PlanAnswer | null> {
    const uris: Record<string, string> = {};
    // Each file at the rule levels its folder's settings give, so the counts match the Problems panel.
    const files: PlanInput[] = await Promise.all(this.project.files().map(async (f) => {
      uris[this.display(f.uri)] = f.uri;
      return { fileName: f.uri, text: f.model.text, display: this.display(f.uri), settings: await this.settings.for(f.uri) };
    }));
    const plan = planProject(files, { only: this.project.file(uri)?.uri });
    const [one] = plan.projects;
    return one ? { version: plan.version, project: one, mermaid: planMermaid(plan), nodeIds: nodeIds(one.services), uris } : null;
  }

  /**
   * Checks every Zerops file of the workspace folders that is not open, as `zerops-lint` would, and
   * publishes its findings, so they are listed without opening the files. Open documents keep their own
   * diagnostics and count in the answer as shown: how many files, how many problems.
   */
  async checkWorkspace(): Promise<{ files: number; problems: number }> {
    await this.folders.scan();
    let problems = 0;
    const results = this.project.checkDiskFiles();
    for (const { uri, text, findings } of results) {
      const levels = await this.settings.for(uri);
      if (!levels.enable) continue;
      const shown = applySettings(findings, levels);
      problems += shown.length;
      await this.client.publishFile(uri, text, shown);
    }
    let files = results.length;
    for (const uri of this.project.openDocuments()) {
      if (!this.kindOf(uri)) continue;
      const levels = await this.settings.for(uri);
      if (!levels.enable) continue;
      files++;
      problems += this.project.editorDiagnostics(uri, levels, true).findings.length;
    }
    return { files, problems };
  }
}
