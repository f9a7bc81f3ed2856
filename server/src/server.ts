import {
  CodeActionKind, DidChangeWatchedFilesNotification, FileChangeType, LSPErrorCodes, MessageType, ResponseError, ShowMessageNotification,
  TextDocuments, type Connection, type InitializeResult, type Position,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { clientSupport, serverCapabilities, workspaceFolderUris, type ClientSupport } from './service/lsp/capabilities';
import { FIX_ALL_KIND, codeActions, fixAllAction, toDiagnostic } from './service/lsp/diagnostics';
import { toCompletionList, toHover } from './service/lsp/features';
import { toCodeLenses, toDocumentLinks, toInlayHints } from './service/lsp/editor';
import { toDocumentSymbols, toLocations, toPrepareRename, toWorkspaceEdit } from './service/lsp/navigation';
import { EditorProject } from './service/editor-project';
import { useRequestedCatalogue, type CatalogueSupport } from './service/catalogue-choice';
import type { ZeropsSettings } from './service/settings';
import type { WorkspaceHost } from './service/workspace-host';
import { VERSION } from './version';
import { stackOf } from './util/errors';

// The LSP adapter: each handler converts the request to offsets, asks the editor project
// (service/editor-project.ts: the open documents, the workspace, settings, when to check) and converts the
// answer back (service/lsp/). No Zerops knowledge and no state of its own beyond the open buffers. One
// setup for every front end: the Node process (server-node.ts) and the web worker (server-web.ts) differ
// only in their connection, their host (reading the workspace) and whether they can read a catalogue folder.

/** Serves the Zerops language server on `connection`, reading the workspace through `host`. */
export function startServer(connection: Connection, host: WorkspaceHost, catalogue?: CatalogueSupport): void {
  const documents = new TextDocuments(TextDocument);
  let client: ClientSupport | undefined;
  let catalogueNotes: { info: string; warning?: string } | undefined;
  const log = (message: string) => connection.console.error(message);

  const project = new EditorProject(host, {
    publish: async (uri, version, findings) => {
      const doc = documents.get(uri);
      if (doc) await connection.sendDiagnostics({ uri, version, diagnostics: findings.map((f) => toDiagnostic(doc, f)) });
    },
    publishFile: async (uri, text, findings) => {
      const doc = TextDocument.create(uri, 'yaml', 0, text);
      await connection.sendDiagnostics({ uri, diagnostics: findings.map((f) => toDiagnostic(doc, f)) });
    },
    refresh: () => {
      const failed = (err: unknown) => log(`refresh failed: ${String(err)}`);
      if (client?.refresh.codeLens) connection.sendRequest('workspace/codeLens/refresh').catch(failed);
      if (client?.refresh.inlayHint) connection.languages.inlayHint.refresh().catch(failed);
    },
    log,
  });

  connection.onInitialize((params): InitializeResult => {
    client = clientSupport(params);
    const init = params.initializationOptions as { settings?: unknown; schemas?: unknown } | undefined;
    const pull = client.configuration ? (uri: string) => connection.workspace.getConfiguration({ scopeUri: uri, section: 'zerops' }) : undefined;
    project.initialize(workspaceFolderUris(params), init?.settings, pull);
    catalogueNotes = useRequestedCatalogue(init?.schemas, catalogue);
    return { capabilities: serverCapabilities(client), serverInfo: { name: 'zerops-lsp', version: VERSION } };
  });

  connection.onInitialized(() => {
    if (catalogueNotes) connection.console.info(catalogueNotes.info);
    if (catalogueNotes?.warning) {
      connection.console.warn(catalogueNotes.warning);
      // A notification: the message needs no answer, and a client without window/showMessageRequest still shows it.
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: catalogueNotes.warning });
    }
    if (client?.watchFiles) {
      connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yml,yaml}' }] })
        .catch((err) => log(`could not watch files: ${String(err)}`));
    }
    project.started();
    if (client?.folders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => project.foldersChanged(e.added.map((f) => f.uri), e.removed.map((f) => f.uri)));
    }
  });

  /** zerops/updateCatalogue {out, base?}: the editor's "Zerops: Update Catalogue", after the user agreed. */
  connection.onRequest('zerops/updateCatalogue', async (params: { out?: unknown; base?: unknown }) => {
    if (typeof params?.out !== 'string' || params.out === '') throw new ResponseError(-32602, 'zerops/updateCatalogue takes {out: folder}');
    if (!catalogue) return { ok: false, error: 'this build of the server cannot download (the web worker)' };
    return catalogue.update({ out: params.out, base: typeof params.base === 'string' ? params.base : undefined });
  });

  connection.onDidChangeConfiguration((change) => project.settingsChanged((change.settings as { zerops?: unknown } | undefined)?.zerops));
  connection.onDidChangeWatchedFiles((params) => project.filesChanged(params.changes.map((c) => ({ uri: c.uri, deleted: c.type === FileChangeType.Deleted }))));
  // Fires on open too.
  documents.onDidChangeContent((e) => project.changed(e.document.uri, e.document.getText(), e.document.version));
  documents.onDidClose((e) => {
    project.closed(e.document.uri);
    connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }).catch(() => undefined);
  });

  /**
   * Answers a request about an open Zerops document in an enabled folder (EditorProject.zeropsSettings):
   * `empty` for any other document, and for a failure, which is logged. A ResponseError is the answer
   * itself (a rename refused with its reason) and goes to the client.
   */
  async function answer<T>(uri: string, what: string, empty: T, compute: (doc: TextDocument, settings: ZeropsSettings) => T | Promise<T>): Promise<T> {
    try {
      const settings = await project.zeropsSettings(uri);
      const doc = documents.get(uri);
      return settings && doc ? await compute(doc, settings) : empty;
    } catch (err) {
      if (err instanceof ResponseError) throw err;
      log(`${what} on ${uri} failed: ${stackOf(err)}`);
      return empty;
    }
  }

  /** The same for a request at a position, which becomes an offset. */
  function at<P extends { textDocument: { uri: string }; position: Position }, R>(
    what: string, empty: R, body: (doc: TextDocument, offset: number, params: P, settings: ZeropsSettings) => R,
  ): (params: P) => Promise<R> {
    return (params) => answer(params.textDocument.uri, what, empty, (doc, settings) => body(doc, doc.offsetAt(params.position), params, settings));
  }

  const refused = (r: { error: string }) => new ResponseError(LSPErrorCodes.RequestFailed, r.error);
  const textOf = (uri: string) => project.textOf(uri);

  connection.onHover(at('hover', null, (doc, offset, _p, settings) => toHover(doc, project.hover(doc.uri, offset, settings))));
  connection.onCompletion(at('completion', null, (doc, offset, p) =>
    toCompletionList(doc, project.complete(doc.uri, offset, p.context?.triggerCharacter), { suggestAgain: !!client?.suggestAgain, asIs: !!client?.insertAsIs })));
  connection.onDefinition(at('definition', [], (doc, offset) => toLocations(project.definition(doc.uri, offset), textOf)));
  connection.onReferences(at('references', [], (doc, offset, p) => toLocations(project.references(doc.uri, offset, p.context.includeDeclaration), textOf)));
  connection.onPrepareRename(at('prepareRename', null, (doc, offset) => {
    const r = project.prepareRename(doc.uri, offset);
    if (r && 'error' in r) throw refused(r);
    return r ? toPrepareRename(doc.getText(), r.ok) : null;
  }));
  connection.onRenameRequest(at('rename', null, (doc, offset, p) => {
    const r = project.rename(doc.uri, offset, p.newName);
    if ('error' in r) throw refused(r);
    return toWorkspaceEdit(r.ok, textOf);
  }));

  connection.onDocumentSymbol(({ textDocument }) => answer(textDocument.uri, 'documentSymbol', [], (doc) => toDocumentSymbols(doc.getText(), project.symbols(doc.uri))));
  connection.onCodeAction(({ textDocument, context }) => answer(textDocument.uri, 'codeAction', [], (doc, settings) => {
    if (context.only?.some((k) => FIX_ALL_KIND.startsWith(k) && k !== CodeActionKind.Empty)) {
      const all = fixAllAction(doc, project.diagnostics(doc.uri, settings));
      return all ? [all] : [];
    }
    return codeActions(doc, project.findings(doc.uri), context.diagnostics);
  }));
  connection.languages.inlayHint.on(({ textDocument, range }) => answer(textDocument.uri, 'inlayHint', [],
    (doc, settings) => toInlayHints(doc, project.inlayHints(doc.uri, { start: doc.offsetAt(range.start), end: doc.offsetAt(range.end) }, settings))));
  connection.onCodeLens(({ textDocument }) => answer(textDocument.uri, 'codeLens', [],
    (doc, settings) => toCodeLenses(doc, project.codeLenses(doc.uri, settings), textOf)));
  connection.onDocumentLinks(({ textDocument }) => answer(textDocument.uri, 'documentLink', [], (doc) => toDocumentLinks(doc, project.documentLinks(doc.uri))));

  // The editor's project preview (client/src/preview.ts) and the workspace check (the Problems panel for
  // files that are not open).
  connection.onRequest('zerops/documentKind', (p: { uri: string }) => answer(p.uri, 'documentKind', null, (doc) => project.kindOf(doc.uri) ?? null));
  connection.onRequest('zerops/plan', (p: { uri: string }) => answer(p.uri, 'plan', null, (doc) => project.plan(doc.uri)));
  connection.onRequest('zerops/checkWorkspace', () => project.checkWorkspace());

  documents.listen(connection);
  connection.listen();
}
