import {
  CodeActionKind, DidChangeWatchedFilesNotification, FileChangeType, InsertTextMode, LSPErrorCodes, ProposedFeatures, ResponseError,
  TextDocumentSyncKind, TextDocuments, createConnection, type Connection, type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FIX_ALL_KIND, codeActions, fixAllAction, toDiagnostic } from './service/lsp/diagnostics';
import { toCompletionList, toHover } from './service/lsp/features';
import { SettingsStore } from './service/settings';
import { Project, type Analysis } from './service/project';
import { toDocumentSymbols, toLocations, toPrepareRename, toWorkspaceEdit } from './service/lsp/navigation';
import { WorkspaceFolders, pathOf, uriKey } from './workspace-fs';
import { CheckScheduler } from './service/check/debounce';
import { VERSION } from './version';

// The LSP adapter: the connection, document sync, debounced diagnostics, settings pull and file watching.
// Everything about the files themselves is the project's (service/project.ts). No Zerops knowledge here.

const TRANSPORT_FLAGS = /^--(stdio|node-ipc|socket|pipe)\b/;
const stack = (err: unknown) => (err as Error)?.stack ?? String(err);

if (process.argv.includes('--version')) {
  process.stdout.write(`zerops-lsp ${VERSION}\n`);
  process.exit(0);
}
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write('Usage: zerops-lsp [--stdio | --node-ipc | --socket=PORT | --pipe=NAME]\n\nThe Zerops language server. Editors start it; it speaks LSP over stdio by default.\n');
  process.exit(0);
}
if (!process.argv.some((a) => TRANSPORT_FLAGS.test(a))) process.argv.push('--stdio');

const connection: Connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const checks = new CheckScheduler((uri) => publish(uri).catch((err) => connection.console.error(`validation of ${uri} failed: ${stack(err)}`)));
/** What was last published per document, so an unchanged result is not sent again. */
const lastSent = new Map<string, string>();
const settings = new SettingsStore();
const COMPLETION_TRIGGERS = ['{', '_', '@'];
/** VS Code (and its builds) can be asked to suggest again after a hostname is inserted; other clients would send the command back. */
let suggestAgain = false;
/** The client takes multi-line completions with their indentation as written (insertTextMode asIs). */
let insertAsIs = false;

/** The project's analysis of the document's current version (parsed and checked once per version). */
function analysis(doc: TextDocument): Analysis {
  if (project.text(doc.uri) !== doc.getText()) project.change(doc.uri, doc.getText(), doc.version);
  return project.analysis(doc.uri)!;
}

async function publish(uri: string): Promise<void> {
  const doc = documents.get(uri);
  if (!doc) return;
  const version = doc.version;
  analysis(doc);
  const levels = await settings.for(uri);
  const current = documents.get(uri);
  // The settings round trip let a newer version arrive; its own validation will publish.
  if (!current || current.version !== version) return;
  const diagnostics = project.diagnostics(uri, levels).map((f) => toDiagnostic(doc, f));
  // A re-check after a workspace change often finds the same: the client has it already.
  const sent = JSON.stringify([version, diagnostics]);
  if (lastSent.get(uri) === sent) return;
  lastSent.set(uri, sent);
  await connection.sendDiagnostics({ uri, version, diagnostics });
}

// The project: the open documents and the Zerops files of the workspace folders (a zerops.yml is checked
// against the services the import files beside it define; when those change, open documents are checked again).
const project: Project = new Project({
  keyOf: uriKey,
  filesFor: (key) => disk.filesAround(key),
  onRuleError: (uri, rule, err) => connection.console.error(`rule ${rule.id} failed on ${uri}: ${stack(err)}`),
  // Open documents are checked again against the changed index; `exceptKey` is the one that changed it.
  onServicesChanged: (exceptKey) => {
    for (const doc of documents.all()) if (uriKey(doc.uri) !== exceptKey) checks.now(doc.uri);
  },
});
const disk: WorkspaceFolders = new WorkspaceFolders(project, (key) => documents.all().some((d) => uriKey(d.uri) === key));
let watchFiles = false;
let foldersSupported = false;
let renameOptions: boolean | { prepareProvider: true } = true;

connection.onInitialized(() => {
  if (watchFiles) {
    connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yml,yaml}' }] })
      .catch((err) => connection.console.error(`could not watch files: ${String(err)}`));
  }
  disk.scan().catch((err) => connection.console.error(`reading the workspace failed: ${stack(err)}`));
  if (foldersSupported) {
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      const paths = (list: { uri: string }[]) => list.map((f) => pathOf(f.uri)).filter((p): p is string => p !== undefined);
      disk.change(paths(e.added), paths(e.removed)).catch((err) => connection.console.error(`reading the new workspace folders failed: ${stack(err)}`));
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

connection.onInitialize((params): InitializeResult => {
  if (params.capabilities.workspace?.configuration) settings.pull = (uri) => connection.workspace.getConfiguration({ scopeUri: uri, section: 'zerops' });
  suggestAgain = /code|codium/i.test(params.clientInfo?.name ?? '');
  insertAsIs = !!params.capabilities.textDocument?.completion?.completionItem?.insertTextModeSupport?.valueSet?.includes(InsertTextMode.asIs);
  const init = params.initializationOptions as { settings?: unknown } | undefined;
  if (init?.settings) settings.changed(init.settings);
  disk.folders = (params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : [])).map(pathOf).filter((p): p is string => p !== undefined);
  watchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  foldersSupported = !!params.capabilities.workspace?.workspaceFolders;
  if (params.capabilities.textDocument?.rename?.prepareSupport) renameOptions = { prepareProvider: true };
  return {
    capabilities: {
      documentSymbolProvider: true, definitionProvider: true, referencesProvider: true,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      renameProvider: renameOptions,
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      hoverProvider: true,
      completionProvider: { triggerCharacters: COMPLETION_TRIGGERS },
    },
    serverInfo: { name: 'zerops-lsp', version: VERSION },
  };
});

connection.onDidChangeConfiguration((change) => {
  settings.changed((change.settings as { zerops?: unknown } | undefined)?.zerops);
  for (const doc of documents.all()) checks.now(doc.uri);
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
  (doc) => toHover(doc, project.hover(doc.uri, doc.offsetAt(position)))));
connection.onCompletion(({ textDocument, position }) => answer(textDocument.uri, 'completion', null,
  (doc) => toCompletionList(doc, project.complete(doc.uri, doc.offsetAt(position)), { suggestAgain, asIs: insertAsIs })));

documents.listen(connection);
connection.listen();
