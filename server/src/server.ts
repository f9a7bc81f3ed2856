import {
  CodeActionKind, DidChangeWatchedFilesNotification, FileChangeType, InsertTextMode, LSPErrorCodes, MessageType, ResponseError, ShowMessageNotification,
  TextDocumentSyncKind, TextDocuments, type Connection, type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FIX_ALL_KIND, codeActions, fixAllAction, toDiagnostic } from './service/lsp';
import { toCompletionList, toHover } from './service/lsp-features';
import { toCodeLenses, toDocumentLinks, toInlayHints } from './service/lsp-editor';
import { DEFAULT_SETTINGS, normalizeSettings, type ZeropsSettings } from './service/settings';
import { Project, type Analysis } from './service/project';
import { applySettings } from './service/validate';
import { quietPeriod } from './service/debounce';
import type { WorkspaceHost } from './host/host';
import { planProject, type PlanAnswer, type PlanInput } from './service/plan';
import { nodeIds, planMermaid } from './service/plan-render';
import { VERSION } from './version';
import { catalogueDescription } from './catalog/tables';

// The LSP adapter: the connection, document sync, debounced diagnostics, settings pull and file watching.
// Everything about the files themselves is the project's (service/project.ts); reading the workspace is the
// host's (host/host.ts: the disk, or the client's file system). No Zerops knowledge here. One setup for
// every front end: the Node process (server-node.ts) and the web worker (server-web.ts) differ only in
// their connection and their host.

/**
 * `${` and `_` open variables, `@` versions; a space opens the values after `base:`, `type:` and `os:`
 * (and is answered with nothing anywhere else, so a client that asks on every space shows nothing).
 */
const COMPLETION_TRIGGERS = ['{', '_', '@', ' '];

const NAVIGATION_CAPABILITIES = {
  documentSymbolProvider: true, definitionProvider: true, referencesProvider: true,
  workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
} as const;

/**
 * A catalogue folder (issue 22), where the front end can read one: the Node process, not the web worker.
 * `use` puts the folder in use and returns undefined, or says why it cannot be used (the catalogue in use
 * stays); `update` is the editor's "Zerops: Update Catalogue", run only when the user confirmed it.
 */
export interface CatalogueSupport {
  use(dir: string): string | undefined;
  update(params: { out: string; base?: string }): Promise<unknown>;
  /** The folder named on the command line (`--schemas DIR`), used when the client names none. */
  fromArgument?: string;
}

/** Serves the Zerops language server on `connection`, reading the workspace through `host`. */
export function startServer(connection: Connection, host: WorkspaceHost, catalogue?: CatalogueSupport): void {
  /** The wait before checking an edit of `uri`; counts the edit into the current burst. */
  /** The wait before checking an edit of `uri` (service/debounce.ts); counts the edit into the current storm. */
  function debounceFor(uri: string): number {
    const burst = timers.has(uri) ? (bursts.get(uri) ?? 0) + 1 : 0;
    bursts.set(uri, burst);
    return quietPeriod(burst);
  }

  const documents = new TextDocuments(TextDocument);
  /** Changes that arrived while a check was still waiting, since the last check ran, per document. */
  const bursts = new Map<string, number>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** What was last published per document, so an unchanged result is not sent again. */
  const lastSent = new Map<string, string>();
  let pullConfiguration = false;
  let globalSettings: ZeropsSettings = DEFAULT_SETTINGS;
  /** VS Code (and its builds) can be asked to suggest again after a hostname is inserted; other clients would send the command back. */
  let suggestAgain = false;
  /** The client takes multi-line completions with their indentation as written (insertTextMode asIs). */
  let insertAsIs = false;

  /** The project's analysis of the document's current version (parsed and checked once per version). */
  function analysis(doc: TextDocument): Analysis {
    if (project.text(doc.uri) !== doc.getText()) project.change(doc.uri, doc.getText(), doc.version);
    return project.analysis(doc.uri)!;
  }

  /**
   * Settings pulled per document, asked once and kept until the client says the configuration changed:
   * a round trip to the client on every keystroke would sit between each edit and its diagnostics.
   */
  const pulledSettings = new Map<string, Promise<ZeropsSettings>>();

  function settingsFor(uri: string): Promise<ZeropsSettings> {
    if (!pullConfiguration) return Promise.resolve(globalSettings);
    let settings = pulledSettings.get(uri);
    if (!settings) {
      settings = Promise.resolve(connection.workspace.getConfiguration({ scopeUri: uri, section: 'zerops' }))
        .then(normalizeSettings, () => globalSettings);
      pulledSettings.set(uri, settings);
    }
    return settings;
  }

  /**
   * After a check that held back a finding where the user is typing (service/typing.ts), the quiet check
   * that publishes everything waits this long after the last change.
   */
  const QUIET_MS = 1000;
  const quietTimers = new Map<string, ReturnType<typeof setTimeout>>();

  async function publish(uri: string, quiet = false): Promise<void> {
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    analysis(doc);
    const settings = await settingsFor(uri);
    const current = documents.get(uri);
    // The settings round trip let a newer version arrive; its own validation will publish.
    if (!current || current.version !== version) return;
    const shown = project.editorDiagnostics(uri, settings, quiet);
    if (shown.held) scheduleQuiet(uri);
    const diagnostics = shown.findings.map((f) => toDiagnostic(doc, f));
    // A re-check after a workspace change often finds the same: the client has it already.
    const sent = JSON.stringify([version, diagnostics]);
    if (lastSent.get(uri) === sent) return;
    lastSent.set(uri, sent);
    await connection.sendDiagnostics({ uri, version, diagnostics });
  }

  function scheduleQuiet(uri: string): void {
    clearTimeout(quietTimers.get(uri));
    quietTimers.set(uri, setTimeout(() => {
      quietTimers.delete(uri);
      publish(uri, true).catch((err) => connection.console.error(`validation of ${uri} failed: ${(err as Error)?.stack ?? String(err)}`));
    }, QUIET_MS));
  }

  function schedule(uri: string, delay: number): void {
    const pending = timers.get(uri);
    if (pending) clearTimeout(pending);
    // A change restarts the quiet period: the check it schedules decides whether a quiet one is needed again.
    clearTimeout(quietTimers.get(uri));
    quietTimers.delete(uri);
    timers.set(uri, setTimeout(() => {
      timers.delete(uri);
      bursts.set(uri, 0);
      publish(uri).catch((err) => connection.console.error(`validation of ${uri} failed: ${(err as Error)?.stack ?? String(err)}`));
    }, delay));
  }

  // ---- Workspace index and navigation (issue 5) ----------------------------------------------------------
  // The import files and zerops.yml files of the workspace folders: read through the host on start, kept
  // current from file-watch events and from open buffers (an open buffer wins over the file). A zerops.yml is
  // checked against the services the import files define; when those change, open documents are re-checked.

  const project = new Project({
    keyOf: (uri) => host.keyOf(uri),
    // The files a check may read around a document (a site config beside its zerops.yml): inside the workspace folders.
    filesFor: (key) => host.filesAround(key, workspaceFolders),
    // Import files pair with a zerops.yml only inside one git work tree (a folder of several repositories).
    workTreeOf: (key) => host.workTreeOf?.(key, workspaceFolders),
    onRuleError: (uri, rule, err) => connection.console.error(`rule ${rule.id} failed on ${uri}: ${(err as Error)?.stack ?? String(err)}`),
    // Open documents are checked again against the changed index; `exceptKey` is the one that changed it.
    onServicesChanged: (exceptKey) => {
      for (const doc of documents.all()) if (host.keyOf(doc.uri) !== exceptKey) schedule(doc.uri, 0);
      refreshEditorFeatures();
    },
  });
  const workspace = project.index;
  // A host that answers after the checks asked (the client's file system) has them asked again.
  host.onFilesArrived?.(() => project.servicesChanged());
  /** The workspace folders the host can read, by key. */
  let workspaceFolders: string[] = [];
  const folderKeys = (uris: readonly string[]) => uris.filter((u) => host.handles(u)).map((u) => host.keyOf(u));
  let watchFiles = false;
  let foldersSupported = false;
  let renameOptions: boolean | { prepareProvider: true } = true;

  function initWorkspace(params: Parameters<Parameters<typeof connection.onInitialize>[0]>[0]): void {
    const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    workspaceFolders = folderKeys(uris);
    watchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    foldersSupported = !!params.capabilities.workspace?.workspaceFolders;
    if (params.capabilities.textDocument?.rename?.prepareSupport) renameOptions = { prepareProvider: true };
  }

  function workspaceChanged(exceptKey?: string): void {
    project.servicesChanged(exceptKey);
  }

  /** A closed buffer gives way to the file in the workspace, if there is one, or leaves the index. */
  function reindexClosedDocument(uri: string): void {
    const key = host.keyOf(uri);
    const reread = host.handles(uri) ? host.readZeropsFile(key, workspaceFolders) : Promise.resolve(undefined);
    reread.then((text) => {
      if (documents.get(uri)) return;
      project.setDiskFile(key, text);
    }).catch((err) => connection.console.error(`re-reading ${uri} failed: ${String(err)}`));
  }

  const isOpen = (key: string) => documents.all().some((d) => host.keyOf(d.uri) === key);

  async function scanWorkspace(folders: readonly string[] = workspaceFolders): Promise<void> {
    const found = await host.findZeropsFiles(folders);
    // The git remotes of each folder and of each folder holding a Zerops file (read from .git/config only),
    // for the checks that compare an import's buildFromGit with this repository.
    for (const dir of new Set([...folders, ...found.map((key) => host.parentOf(key))])) {
      if (host.isInside(dir, workspaceFolders)) workspace.setRepository(dir, { remotes: await host.gitRemotes(dir) });
    }
    for (const key of found) {
      if (isOpen(key)) continue;
      const text = await host.readZeropsFile(key, workspaceFolders);
      if (text !== undefined) workspace.setText(key, key, text);
    }
    workspaceChanged();
  }

  // ---- Catalogue (issue 22) -----------------------------------------------------------------------------
  // The built-in catalogue, unless the client names a catalogue folder (`schemas` in the initialization
  // options: the `zerops.schemas` setting in VS Code) or the process was started with `--schemas DIR`.
  // Read once, before any document is checked; the client restarts the server when the setting changes. A
  // folder that cannot be used is said in a message, and the built-in catalogue stays in use.
  const catalogueNotes: { info?: string; warning?: string } = {};

  function useRequestedCatalogue(fromClient: unknown): void {
    const dir = typeof fromClient === 'string' && fromClient !== '' ? fromClient : catalogue?.fromArgument;
    if (dir) {
      const problem = catalogue ? catalogue.use(dir) : 'this build of the server reads no folders (the web worker)';
      if (problem) catalogueNotes.warning = `Zerops: the catalogue folder cannot be used: ${problem}. The built-in catalogue stays in use.`;
    }
    catalogueNotes.info = `Zerops catalogue in use: ${catalogueDescription()}`;
  }

  /** zerops/updateCatalogue {out, base?}: the editor's "Zerops: Update Catalogue", after the user agreed. */
  connection.onRequest('zerops/updateCatalogue', async (params: { out?: unknown; base?: unknown }) => {
    if (typeof params?.out !== 'string' || params.out === '') throw new ResponseError(-32602, 'zerops/updateCatalogue takes {out: folder}');
    if (!catalogue) return { ok: false, error: 'this build of the server cannot download (the web worker)' };
    return catalogue.update({ out: params.out, base: typeof params.base === 'string' ? params.base : undefined });
  });

  connection.onInitialized(() => {
    if (catalogueNotes.info) connection.console.info(catalogueNotes.info);
    if (catalogueNotes.warning) {
      connection.console.warn(catalogueNotes.warning);
      // A notification: the message needs no answer, and a client without window/showMessageRequest still shows it.
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: catalogueNotes.warning });
    }
    if (watchFiles) {
      connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yml,yaml}' }] })
        .catch((err) => connection.console.error(`could not watch files: ${String(err)}`));
    }
    scanWorkspace().catch((err) => connection.console.error(`reading the workspace failed: ${(err as Error)?.stack ?? String(err)}`));
    if (foldersSupported) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const keys = (list: { uri: string }[]) => folderKeys(list.map((f) => f.uri));
        foldersChanged(keys(e.added), keys(e.removed))
          .catch((err) => connection.console.error(`reading the new workspace folders failed: ${(err as Error)?.stack ?? String(err)}`));
      });
    }
  });

  /** Folders added are read, files of folders removed leave the index (open buffers stay while open). */
  async function foldersChanged(added: string[], removed: string[]): Promise<void> {
    workspaceFolders = [...workspaceFolders.filter((f) => !removed.includes(f)), ...added];
    for (const file of workspace.files()) {
      const key = host.keyOf(file.uri);
      if (host.handles(key) && !isOpen(key) && !host.isInside(key, workspaceFolders)) workspace.delete(key);
    }
    await scanWorkspace(added);
  }

  connection.onDidChangeWatchedFiles(async (params) => {
    let changed = false;
    host.forget?.();
    for (const change of params.changes) {
      const key = host.keyOf(change.uri);
      // An open buffer is the truth until it closes; a file outside the folders is none of ours.
      if (!host.handles(key) || !host.isInside(key, workspaceFolders) || isOpen(key)) continue;
      // As on start, only Zerops files (by name or content) are read, plus those the index already holds.
      if (!workspace.get(key) && !(await host.isZeropsFile(key))) continue;
      const text = change.type === FileChangeType.Deleted ? undefined : await host.readZeropsFile(key, workspaceFolders);
      if (text === undefined) changed = workspace.delete(key) || changed;
      else changed = workspace.setText(key, key, text) || changed;
    }
    if (changed) workspaceChanged();
  });


  /**
   * The one gate every request passes: an open document that is a Zerops file (by name or by content) in a
   * folder where `zerops.enable` is not false. Anything else (a workflow file, a compose file, a disabled
   * folder) gets the empty answer, as it gets no diagnostics.
   */
  async function zeropsDocument(uri: string): Promise<TextDocument | undefined> {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    if (analysis(doc).model.kind === 'other') return undefined;
    const settings = await settingsFor(uri);
    if (!settings.enable) return undefined;
    // The settings round trip may have let a newer version in; answer about the document as it is now.
    const current = documents.get(uri);
    return current && analysis(current).model.kind !== 'other' ? current : undefined;
  }

  /**
   * Answers a request about an open Zerops document: `empty` for any other document (see zeropsDocument), and
   * for a failure, which is logged. A ResponseError is the answer itself (a rename refused with its reason)
   * and goes to the client.
   */
  async function answer<T>(uri: string, what: string, empty: T, compute: (doc: TextDocument) => T | Promise<T>): Promise<T> {
    try {
      const doc = await zeropsDocument(uri);
      return doc ? await compute(doc) : empty;
    } catch (err) {
      if (err instanceof ResponseError) throw err;
      connection.console.error(`${what} on ${uri} failed: ${(err as Error)?.stack ?? String(err)}`);
      return empty;
    }
  }

  function navigate<P extends { textDocument: { uri: string }; position: { line: number; character: number } }, R>(
    what: string, empty: R, body: (doc: TextDocument, offset: number, params: P) => R,
  ): (params: P) => Promise<R> {
    return (params) => answer(params.textDocument.uri, what, empty, (doc) => body(doc, doc.offsetAt(params.position), params));
  }

  connection.onDocumentSymbol((params) => answer(params.textDocument.uri, 'documentSymbol', [], (doc) => project.symbols(doc.uri)));
  connection.onDefinition(navigate('definition', [], (doc, offset) => project.definition(doc.uri, offset)));
  connection.onReferences(navigate('references', [], (doc, offset, p) => project.references(doc.uri, offset, p.context.includeDeclaration)));
  connection.onPrepareRename(navigate('prepareRename', null, (doc, offset) => {
    const r = project.prepareRename(doc.uri, offset);
    if (r && 'error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
    return r?.ok ?? null;
  }));
  connection.onRenameRequest(navigate('rename', null, (doc, offset, p) => {
    const r = project.rename(doc.uri, offset, p.newName);
    if ('error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
    return r.ok;
  }));
  // ---- end of workspace index and navigation ---------------------------------------------------------------

  // The editor's project preview (client/src/preview.ts): the plan of the project a document belongs to,
  // over the open buffers and the workspace's files, with the diagram and where each file is.
  connection.onRequest('zerops/documentKind', (p: { uri: string }) => answer(p.uri, 'documentKind', null, (doc) => analysis(doc).model.kind));
  connection.onRequest('zerops/plan', (p: { uri: string }) => answer(p.uri, 'plan', null, async (doc): Promise<PlanAnswer | null> => {
    // A file by its path inside its workspace folder (as the CLI names it), else by its URI.
    const display = (uri: string) => {
      const key = host.keyOf(uri);
      const folder = workspaceFolders.find((f) => host.isInside(key, [f]) && key !== f);
      if (folder === undefined) return uri;
      const rest = key.slice(folder.length).replace(/^[\\/]+/, '').replace(/\\/g, '/');
      try {
        return decodeURIComponent(rest);
      } catch {
        return rest;
      }
    };
    const uris: Record<string, string> = {};
    // Each file at the rule levels its folder's settings give, so the counts match the Problems panel.
    const files: PlanInput[] = await Promise.all(project.files().map(async (f) => {
      uris[display(f.uri)] = f.uri;
      return { fileName: f.uri, text: f.model.text, display: display(f.uri), settings: await settingsFor(f.uri) };
    }));
    const plan = planProject(files, { only: project.file(doc.uri)?.uri });
    const [one] = plan.projects;
    return one ? { version: plan.version, project: one, mermaid: planMermaid(plan), nodeIds: nodeIds(one.services), uris } : null;
  }));

  connection.onInitialize((params): InitializeResult => {
    pullConfiguration = !!params.capabilities.workspace?.configuration;
    suggestAgain = /code|codium/i.test(params.clientInfo?.name ?? '');
    insertAsIs = !!params.capabilities.textDocument?.completion?.completionItem?.insertTextModeSupport?.valueSet?.includes(InsertTextMode.asIs);
    refreshSupport = {
      codeLens: !!params.capabilities.workspace?.codeLens?.refreshSupport,
      inlayHint: !!params.capabilities.workspace?.inlayHint?.refreshSupport,
    };
    const init = params.initializationOptions as { settings?: unknown; schemas?: unknown } | undefined;
    if (init?.settings) globalSettings = normalizeSettings(init.settings);
    useRequestedCatalogue(init?.schemas);
    initWorkspace(params);
    return {
      capabilities: {
        ...NAVIGATION_CAPABILITIES,
        renameProvider: renameOptions,
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS },
        ...EDITOR_CAPABILITIES,
      },
      serverInfo: { name: 'zerops-lsp', version: VERSION },
    };
  });

  connection.onDidChangeConfiguration((change) => {
    const s = (change.settings as { zerops?: unknown } | undefined)?.zerops;
    if (s !== undefined) globalSettings = normalizeSettings(s);
    pulledSettings.clear();
    for (const doc of documents.all()) schedule(doc.uri, 0);
    refreshEditorFeatures();
  });

  // Fires on open too: a document never checked is checked at once, edits after a short quiet period.
  documents.onDidChangeContent((e) => {
    const uri = e.document.uri;
    const known = project.isOpen(uri);
    if (known) project.change(uri, e.document.getText(), e.document.version);
    else project.open(uri, e.document.getText(), e.document.version);
    schedule(uri, known ? debounceFor(uri) : 0);
  });
  documents.onDidClose((e) => {
    reindexClosedDocument(e.document.uri);
    const t = timers.get(e.document.uri);
    if (t) clearTimeout(t);
    timers.delete(e.document.uri);
    clearTimeout(quietTimers.get(e.document.uri));
    quietTimers.delete(e.document.uri);
    project.close(e.document.uri);
    bursts.delete(e.document.uri);
    pulledSettings.delete(e.document.uri);
    lastSent.delete(e.document.uri);
    connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }).catch(() => undefined);
  });

  connection.onCodeAction((params) => answer(params.textDocument.uri, 'codeAction', [], async (doc) => {
    const { findings } = analysis(doc);
    const only = params.context.only;
    if (only?.some((k) => FIX_ALL_KIND.startsWith(k) && k !== CodeActionKind.Empty)) {
      const all = fixAllAction(doc, applySettings(findings, await settingsFor(doc.uri)));
      return all ? [all] : [];
    }
    return codeActions(doc, findings, params.context.diagnostics);
  }));

  // Hover and completion read the cached analysis of the current version; a failure answers nothing.
  connection.onHover(({ textDocument, position }) => answer(textDocument.uri, 'hover', null,
    async (doc) => toHover(doc, project.hover(doc.uri, doc.offsetAt(position), await settingsFor(doc.uri)))));
  connection.onCompletion(({ textDocument, position, context }) => answer(textDocument.uri, 'completion', null,
    (doc) => toCompletionList(doc, project.complete(doc.uri, doc.offsetAt(position), context?.triggerCharacter), { suggestAgain, asIs: insertAsIs })));

  // ---- Inlay hints, CodeLens, document links, the workspace check (issue 23) -----------------------------

  /** What the client lets the server ask it to re-request, once the workspace or the settings changed. */
  let refreshSupport = { codeLens: false, inlayHint: false };
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * Lenses and hints read other files (who uses a service, which services build with a setup) and the
   * settings; the client asks again only when the document itself changes, so after a workspace or
   * settings change the server asks it to refresh them, once for a burst of changes.
   */
  function refreshEditorFeatures(): void {
    if (!refreshSupport.codeLens && !refreshSupport.inlayHint) return;
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      const log = (err: unknown) => connection.console.error(`refresh failed: ${String(err)}`);
      if (refreshSupport.codeLens) connection.sendRequest('workspace/codeLens/refresh').catch(log);
      if (refreshSupport.inlayHint) connection.languages.inlayHint.refresh().catch(log);
    }, 200);
  }

  const EDITOR_CAPABILITIES = {
    inlayHintProvider: true,
    codeLensProvider: { resolveProvider: false },
    documentLinkProvider: { resolveProvider: false },
  } as const;

  connection.languages.inlayHint.on(({ textDocument, range }) => answer(textDocument.uri, 'inlayHint', [], async (doc) => {
    if (!(await settingsFor(doc.uri)).inlayHints) return [];
    return toInlayHints(doc, project.inlayHints(doc.uri, doc.offsetAt(range.start), doc.offsetAt(range.end)));
  }));
  connection.onCodeLens(({ textDocument }) => answer(textDocument.uri, 'codeLens', [], async (doc) => {
    if (!(await settingsFor(doc.uri)).codeLens) return [];
    return toCodeLenses(doc, project.codeLenses(doc.uri));
  }));
  connection.onDocumentLinks(({ textDocument }) => answer(textDocument.uri, 'documentLink', [],
    (doc) => toDocumentLinks(doc, project.documentLinks(doc.uri))));

  /**
   * `zerops/checkWorkspace`: checks every Zerops file of the workspace folders that is not open, as
   * `zerops-lint` would, and publishes its findings, so they are listed without opening the files. Open
   * documents keep their own diagnostics and count in the answer as shown: how many files, how many problems.
   */
  connection.onRequest('zerops/checkWorkspace', async () => {
    await scanWorkspace();
    let problems = 0;
    const results = project.checkDiskFiles();
    for (const { uri, text, findings } of results) {
      const settings = await settingsFor(uri);
      if (!settings.enable) continue;
      const shown = applySettings(findings, settings);
      problems += shown.length;
      const doc = TextDocument.create(uri, 'yaml', 0, text);
      await connection.sendDiagnostics({ uri, diagnostics: shown.map((f) => toDiagnostic(doc, f)) });
    }
    let files = results.length;
    for (const doc of documents.all()) {
      if (analysis(doc).model.kind === 'other') continue;
      const settings = await settingsFor(doc.uri);
      if (!settings.enable) continue;
      files++;
      problems += project.editorDiagnostics(doc.uri, settings, true).findings.length;
    }
    return { files, problems };
  });

  documents.listen(connection);
  connection.listen();
}
