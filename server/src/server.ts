import {
  CodeActionKind, DidChangeWatchedFilesNotification, FileChangeType, InsertTextMode, LSPErrorCodes, MessageType, ResponseError, ShowMessageNotification,
  TextDocumentSyncKind, TextDocuments, type Connection, type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FIX_ALL_KIND, codeActions, fixAllAction, toDiagnostic } from './service/lsp/diagnostics';
import { toCompletionList, toHover } from './service/lsp/features';
import { toCodeLenses, toDocumentLinks, toInlayHints } from './service/lsp/editor';
import { toDocumentSymbols, toLocations, toPrepareRename, toWorkspaceEdit } from './service/lsp/navigation';
import { SettingsStore } from './service/settings';
import { applySettings } from './service/check/validate';
import { Project, type Analysis } from './service/project';
import { CheckScheduler } from './service/check/debounce';
import type { WorkspaceHost } from './host/host';
import { WorkspaceFolders } from './host/workspace-folders';
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

const stack = (err: unknown) => (err as Error)?.stack ?? String(err);

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
  const documents = new TextDocuments(TextDocument);
  const checks = new CheckScheduler((uri, quiet) => publish(uri, quiet).catch((err) => connection.console.error(`validation of ${uri} failed: ${stack(err)}`)));
  /** What was last published per document, so an unchanged result is not sent again. */
  const lastSent = new Map<string, string>();
  const settings = new SettingsStore();
  /** VS Code (and its builds) can be asked to suggest again after a hostname is inserted; other clients would send the command back. */
  let suggestAgain = false;
  /** The client takes multi-line completions with their indentation as written (insertTextMode asIs). */
  let insertAsIs = false;

  /** The project's analysis of the document's current version (parsed and checked once per version). */
  function analysis(doc: TextDocument): Analysis {
    if (project.text(doc.uri) !== doc.getText()) project.change(doc.uri, doc.getText(), doc.version);
    return project.analysis(doc.uri)!;
  }

  async function publish(uri: string, quiet = false): Promise<void> {
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    analysis(doc);
    const levels = await settings.for(uri);
    const current = documents.get(uri);
    // The settings round trip let a newer version arrive; its own validation will publish.
    if (!current || current.version !== version) return;
    const shown = project.editorDiagnostics(uri, levels, quiet);
    // A finding held back where the user is typing (check/typing.ts) is shown by a quiet check once typing pauses.
    if (shown.held) checks.quietLater(uri);
    const diagnostics = shown.findings.map((f) => toDiagnostic(doc, f));
    // A re-check after a workspace change often finds the same: the client has it already.
    const sent = JSON.stringify([version, diagnostics]);
    if (lastSent.get(uri) === sent) return;
    lastSent.set(uri, sent);
    await connection.sendDiagnostics({ uri, version, diagnostics });
  }

  // The project: the open documents and the Zerops files of the workspace folders, read through the host (a
  // zerops.yml is checked against the services the import files define; when those change, open documents
  // are checked again).
  const project: Project = new Project({
    keyOf: (uri) => host.keyOf(uri),
    filesFor: (key) => host.filesAround(key, disk.folders),
    // Import files pair with a zerops.yml only inside one git work tree (a folder of several repositories).
    workTreeOf: (key) => host.workTreeOf?.(key, disk.folders),
    onRuleError: (uri, rule, err) => connection.console.error(`rule ${rule.id} failed on ${uri}: ${stack(err)}`),
    // Open documents are checked again against the changed index; `exceptKey` is the one that changed it.
    onServicesChanged: (exceptKey) => {
      for (const doc of documents.all()) if (host.keyOf(doc.uri) !== exceptKey) checks.now(doc.uri);
      refreshEditorFeatures();
    },
  });
  const disk: WorkspaceFolders = new WorkspaceFolders(project, host, (key) => documents.all().some((d) => host.keyOf(d.uri) === key));
  // A host that answers after the checks asked (the client's file system) has them asked again.
  host.onFilesArrived?.(() => project.servicesChanged());
  let watchFiles = false;
  let foldersSupported = false;
  let renameOptions: boolean | { prepareProvider: true } = true;

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
    disk.scan().catch((err) => connection.console.error(`reading the workspace failed: ${stack(err)}`));
    if (foldersSupported) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const keys = (list: { uri: string }[]) => disk.keysOf(list.map((f) => f.uri));
        disk.change(keys(e.added), keys(e.removed)).catch((err) => connection.console.error(`reading the new workspace folders failed: ${stack(err)}`));
      });
    }
  });

  connection.onDidChangeWatchedFiles((params) => disk.filesChanged(params.changes.map((c) => ({ uri: c.uri, deleted: c.type === FileChangeType.Deleted })))
    .catch((err) => connection.console.error(`reading changed files failed: ${stack(err)}`)));

  /**
   * The one gate every request passes: an open document that is a Zerops file (by name or by content) in a
   * folder where `zerops.enable` is not false. Anything else (a workflow file, a compose file, a disabled
   * folder) gets the empty answer, as it gets no diagnostics.
   */
  async function zeropsDocument(uri: string): Promise<TextDocument | undefined> {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    if (analysis(doc).model.kind === 'other') return undefined;
    if (!(await settings.for(uri)).enable) return undefined;
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
      connection.console.error(`${what} on ${uri} failed: ${stack(err)}`);
      return empty;
    }
  }

  function navigate<P extends { textDocument: { uri: string }; position: { line: number; character: number } }, R>(
    what: string, empty: R, body: (doc: TextDocument, offset: number, params: P) => R,
  ): (params: P) => Promise<R> {
    return (params) => answer(params.textDocument.uri, what, empty, (doc) => body(doc, doc.offsetAt(params.position), params));
  }

  const textOf = (uri: string) => project.textOf(uri);
  connection.onDocumentSymbol((params) => answer(params.textDocument.uri, 'documentSymbol', [], (doc) => toDocumentSymbols(doc.getText(), project.symbols(doc.uri))));
  connection.onDefinition(navigate('definition', [], (doc, offset) => toLocations(project.definition(doc.uri, offset), textOf)));
  connection.onReferences(navigate('references', [], (doc, offset, p) => toLocations(project.references(doc.uri, offset, p.context.includeDeclaration), textOf)));
  connection.onPrepareRename(navigate('prepareRename', null, (doc, offset) => {
    const r = project.prepareRename(doc.uri, offset);
    if (r && 'error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
    return r ? toPrepareRename(doc.getText(), r.ok) : null;
  }));
  connection.onRenameRequest(navigate('rename', null, (doc, offset, p) => {
    const r = project.rename(doc.uri, offset, p.newName);
    if ('error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
    return toWorkspaceEdit(r.ok, textOf);
  }));

  // The editor's project preview (client/src/preview.ts): the plan of the project a document belongs to,
  // over the open buffers and the workspace's files, with the diagram and where each file is.
  connection.onRequest('zerops/documentKind', (p: { uri: string }) => answer(p.uri, 'documentKind', null, (doc) => analysis(doc).model.kind));
  connection.onRequest('zerops/plan', (p: { uri: string }) => answer(p.uri, 'plan', null, async (doc): Promise<PlanAnswer | null> => {
    // A file by its path inside its workspace folder (as the CLI names it), else by its URI.
    const display = (uri: string) => {
      const key = host.keyOf(uri);
      const folder = disk.folders.find((f) => host.isInside(key, [f]) && key !== f);
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
      return { fileName: f.uri, text: f.model.text, display: display(f.uri), settings: await settings.for(f.uri) };
    }));
    const plan = planProject(files, { only: project.file(doc.uri)?.uri });
    const [one] = plan.projects;
    return one ? { version: plan.version, project: one, mermaid: planMermaid(plan), nodeIds: nodeIds(one.services), uris } : null;
  }));

  connection.onInitialize((params): InitializeResult => {
    if (params.capabilities.workspace?.configuration) settings.pull = (uri) => connection.workspace.getConfiguration({ scopeUri: uri, section: 'zerops' });
    suggestAgain = /code|codium/i.test(params.clientInfo?.name ?? '');
    insertAsIs = !!params.capabilities.textDocument?.completion?.completionItem?.insertTextModeSupport?.valueSet?.includes(InsertTextMode.asIs);
    refreshSupport = {
      codeLens: !!params.capabilities.workspace?.codeLens?.refreshSupport,
      inlayHint: !!params.capabilities.workspace?.inlayHint?.refreshSupport,
    };
    const init = params.initializationOptions as { settings?: unknown; schemas?: unknown } | undefined;
    if (init?.settings) settings.changed(init.settings);
    useRequestedCatalogue(init?.schemas);
    disk.folders = disk.keysOf(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
    watchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    foldersSupported = !!params.capabilities.workspace?.workspaceFolders;
    if (params.capabilities.textDocument?.rename?.prepareSupport) renameOptions = { prepareProvider: true };
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
    settings.changed((change.settings as { zerops?: unknown } | undefined)?.zerops);
    for (const doc of documents.all()) checks.now(doc.uri);
    refreshEditorFeatures();
  });

  // Fires on open too: a document never checked is checked at once, edits after a short quiet period.
  documents.onDidChangeContent((e) => {
    const uri = e.document.uri;
    const known = project.isOpen(uri);
    if (known) project.change(uri, e.document.getText(), e.document.version);
    else project.open(uri, e.document.getText(), e.document.version);
    if (known) checks.edited(uri);
    else checks.now(uri);
  });
  documents.onDidClose((e) => {
    disk.closed(e.document.uri).catch((err) => connection.console.error(`re-reading ${e.document.uri} failed: ${String(err)}`));
    checks.forget(e.document.uri);
    project.close(e.document.uri);
    settings.forget(e.document.uri);
    lastSent.delete(e.document.uri);
    connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }).catch(() => undefined);
  });

  connection.onCodeAction((params) => answer(params.textDocument.uri, 'codeAction', [], async (doc) => {
    const { findings } = analysis(doc);
    const only = params.context.only;
    if (only?.some((k) => FIX_ALL_KIND.startsWith(k) && k !== CodeActionKind.Empty)) {
      const all = fixAllAction(doc, project.diagnostics(doc.uri, await settings.for(doc.uri)));
      return all ? [all] : [];
    }
    return codeActions(doc, findings, params.context.diagnostics);
  }));

  // Hover and completion read the cached analysis of the current version; a failure answers nothing.
  connection.onHover(({ textDocument, position }) => answer(textDocument.uri, 'hover', null,
    async (doc) => toHover(doc, project.hover(doc.uri, doc.offsetAt(position), await settings.for(doc.uri)))));
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
    if (!(await settings.for(doc.uri)).inlayHints) return [];
    return toInlayHints(doc, project.inlayHints(doc.uri, doc.offsetAt(range.start), doc.offsetAt(range.end)));
  }));
  connection.onCodeLens(({ textDocument }) => answer(textDocument.uri, 'codeLens', [], async (doc) => {
    if (!(await settings.for(doc.uri)).codeLens) return [];
    return toCodeLenses(doc, project.codeLenses(doc.uri), textOf);
  }));
  connection.onDocumentLinks(({ textDocument }) => answer(textDocument.uri, 'documentLink', [],
    (doc) => toDocumentLinks(doc, project.documentLinks(doc.uri))));

  /**
   * `zerops/checkWorkspace`: checks every Zerops file of the workspace folders that is not open, as
   * `zerops-lint` would, and publishes its findings, so they are listed without opening the files. Open
   * documents keep their own diagnostics and count in the answer as shown: how many files, how many problems.
   */
  connection.onRequest('zerops/checkWorkspace', async () => {
    await disk.scan();
    let problems = 0;
    const results = project.checkDiskFiles();
    for (const { uri, text, findings } of results) {
      const levels = await settings.for(uri);
      if (!levels.enable) continue;
      const shown = applySettings(findings, levels);
      problems += shown.length;
      const doc = TextDocument.create(uri, 'yaml', 0, text);
      await connection.sendDiagnostics({ uri, diagnostics: shown.map((f) => toDiagnostic(doc, f)) });
    }
    let files = results.length;
    for (const doc of documents.all()) {
      if (analysis(doc).model.kind === 'other') continue;
      const levels = await settings.for(doc.uri);
      if (!levels.enable) continue;
      files++;
      problems += project.editorDiagnostics(doc.uri, levels, true).findings.length;
    }
    return { files, problems };
  });

  documents.listen(connection);
  connection.listen();
}
