import {
  CodeActionKind, DidChangeWatchedFilesNotification, FileChangeType, InsertTextMode, LSPErrorCodes, ProposedFeatures, ResponseError,
  TextDocumentSyncKind, TextDocuments, createConnection, type Connection, type InitializeResult,
} from 'vscode-languageserver/node';
import { dirname } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FIX_ALL_KIND, codeActions, fixAllAction, toDiagnostic } from './service/lsp';
import { toCompletionList, toHover } from './service/lsp-features';
import { DEFAULT_SETTINGS, normalizeSettings, type ZeropsSettings } from './service/settings';
import { Project, type Analysis } from './service/project';
import { applySettings } from './service/validate';
import { filesAround, findZeropsFiles, forgetWorkTrees, isInside, isZeropsFileOnDisk, pathOf, readZeropsFile, uriKey, uriOf, workTreeAround } from './workspace-fs';
import { gitRemotes } from './file-access';
import { VERSION } from './version';

// The LSP adapter: the connection, document sync, debounced diagnostics, settings pull and file watching.
// Everything about the files themselves is the project's (service/project.ts). No Zerops knowledge here.

const TRANSPORT_FLAGS = /^--(stdio|node-ipc|socket|pipe)\b/;

if (process.argv.includes('--version')) {
  process.stdout.write(`zerops-lsp ${VERSION}\n`);
  process.exit(0);
}
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write('Usage: zerops-lsp [--stdio | --node-ipc | --socket=PORT | --pipe=NAME]\n\nThe Zerops language server. Editors start it; it speaks LSP over stdio by default.\n');
  process.exit(0);
}
if (!process.argv.some((a) => TRANSPORT_FLAGS.test(a))) process.argv.push('--stdio');

/**
 * Quiet after the last keystroke before a document is checked again: short enough to be unseen, since a
 * check costs what the edit changed. Two things lengthen it. A check that went slowly (a whole parse of a
 * big or broken file) waits for a longer pause next time, so typing does not queue behind it. And changes
 * that keep arriving inside the wait (a storm: a paste replayed, a script, a client flushing its queue)
 * double it each time, so the storm is checked once, at its end; the first quiet period resets it.
 */
const DEBOUNCE_MS = 10;
const MAX_DEBOUNCE_MS = 250;

/** The wait before checking an edit of `uri`; counts the edit into the current burst. */
function debounceFor(uri: string): number {
  const burst = timers.has(uri) ? (bursts.get(uri) ?? 0) + 1 : 0;
  bursts.set(uri, burst);
  const base = Math.max(DEBOUNCE_MS, Math.round(2 * project.editCost(uri)));
  return Math.min(MAX_DEBOUNCE_MS, base * 2 ** Math.min(burst, 5));
}

const connection: Connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
/** Changes that arrived while a check was still waiting, since the last check ran, per document. */
const bursts = new Map<string, number>();
const timers = new Map<string, NodeJS.Timeout>();
/** What was last published per document, so an unchanged result is not sent again. */
const lastSent = new Map<string, string>();
let pullConfiguration = false;
let globalSettings: ZeropsSettings = DEFAULT_SETTINGS;
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

async function publish(uri: string): Promise<void> {
  const doc = documents.get(uri);
  if (!doc) return;
  const version = doc.version;
  const { findings } = analysis(doc);
  const settings = await settingsFor(uri);
  const current = documents.get(uri);
  // The settings round trip let a newer version arrive; its own validation will publish.
  if (!current || current.version !== version) return;
  const diagnostics = applySettings(findings, settings).map((f) => toDiagnostic(doc, f));
  // A re-check after a workspace change often finds the same: the client has it already.
  const sent = JSON.stringify([version, diagnostics]);
  if (lastSent.get(uri) === sent) return;
  lastSent.set(uri, sent);
  await connection.sendDiagnostics({ uri, version, diagnostics });
}

function schedule(uri: string, delay: number): void {
  const pending = timers.get(uri);
  if (pending) clearTimeout(pending);
  timers.set(uri, setTimeout(() => {
    timers.delete(uri);
    bursts.set(uri, 0);
    publish(uri).catch((err) => connection.console.error(`validation of ${uri} failed: ${(err as Error)?.stack ?? String(err)}`));
  }, delay));
}

// ---- Workspace index and navigation (issue 5) ----------------------------------------------------------
// The import files and zerops.yml files of the workspace folders: read from disk on start, kept current
// from file-watch events and from open buffers (an open buffer wins over the disk). A zerops.yml is
// checked against the services the import files define; when those change, open documents are re-checked.

const project = new Project({
  keyOf: uriKey,
  // The files a check may read around a document (a site config beside its zerops.yml): inside the workspace folders.
  filesFor: (key) => filesAround(key, workspaceFolders),
  // Import files pair with a zerops.yml only inside one git work tree (a folder of several repositories).
  workTreeOf: (key) => workTreeAround(key, workspaceFolders),
  onRuleError: (uri, rule, err) => connection.console.error(`rule ${rule.id} failed on ${uri}: ${(err as Error)?.stack ?? String(err)}`),
  // Open documents are checked again against the changed index; `exceptKey` is the one that changed it.
  onServicesChanged: (exceptKey) => {
    for (const doc of documents.all()) if (uriKey(doc.uri) !== exceptKey) schedule(doc.uri, 0);
  },
});
const workspace = project.index;
let workspaceFolders: string[] = [];
let watchFiles = false;
let foldersSupported = false;
let renameOptions: boolean | { prepareProvider: true } = true;

const NAVIGATION_CAPABILITIES = {
  documentSymbolProvider: true, definitionProvider: true, referencesProvider: true,
  workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
} as const;

function initWorkspace(params: Parameters<Parameters<typeof connection.onInitialize>[0]>[0]): void {
  const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  workspaceFolders = uris.map(pathOf).filter((p): p is string => p !== undefined);
  watchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  foldersSupported = !!params.capabilities.workspace?.workspaceFolders;
  if (params.capabilities.textDocument?.rename?.prepareSupport) renameOptions = { prepareProvider: true };
}

function workspaceChanged(exceptKey?: string): void {
  project.servicesChanged(exceptKey);
}

/** A closed buffer gives way to the file on disk, if there is one in the workspace, or leaves the index. */
function reindexClosedDocument(uri: string): void {
  const key = uriKey(uri);
  const path = pathOf(uri);
  const reread = path !== undefined ? readZeropsFile(path, workspaceFolders) : Promise.resolve(undefined);
  reread.then((text) => {
    if (documents.get(uri)) return;
    project.setDiskFile(key, text);
  }).catch((err) => connection.console.error(`re-reading ${uri} failed: ${String(err)}`));
}

const isOpen = (key: string) => documents.all().some((d) => uriKey(d.uri) === key);

async function scanWorkspace(folders: readonly string[] = workspaceFolders): Promise<void> {
  forgetWorkTrees();
  const found = await findZeropsFiles(folders);
  // The git remotes of each folder and of each folder holding a Zerops file (read from .git/config only),
  // for the checks that compare an import's buildFromGit with this repository.
  for (const dir of new Set([...folders, ...found.map((p) => dirname(p))])) {
    if (isInside(dir, workspaceFolders)) workspace.setRepository(uriOf(dir), { remotes: gitRemotes(dir) });
  }
  for (const path of found) {
    const key = uriOf(path);
    if (isOpen(key)) continue;
    const text = await readZeropsFile(path, workspaceFolders);
    if (text !== undefined) workspace.setText(key, key, text);
  }
  workspaceChanged();
}

connection.onInitialized(() => {
  if (watchFiles) {
    connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yml,yaml}' }] })
      .catch((err) => connection.console.error(`could not watch files: ${String(err)}`));
  }
  scanWorkspace().catch((err) => connection.console.error(`reading the workspace failed: ${(err as Error)?.stack ?? String(err)}`));
  if (foldersSupported) {
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      const paths = (list: { uri: string }[]) => list.map((f) => pathOf(f.uri)).filter((p): p is string => p !== undefined);
      foldersChanged(paths(e.added), paths(e.removed))
        .catch((err) => connection.console.error(`reading the new workspace folders failed: ${(err as Error)?.stack ?? String(err)}`));
    });
  }
});

/** Folders added are read, files of folders removed leave the index (open buffers stay while open). */
async function foldersChanged(added: string[], removed: string[]): Promise<void> {
  workspaceFolders = [...workspaceFolders.filter((f) => !removed.includes(f)), ...added];
  for (const file of workspace.files()) {
    const key = uriKey(file.uri);
    const path = pathOf(key);
    if (path !== undefined && !isOpen(key) && !isInside(path, workspaceFolders)) workspace.delete(key);
  }
  await scanWorkspace(added);
}

connection.onDidChangeWatchedFiles(async (params) => {
  let changed = false;
  for (const change of params.changes) {
    const path = pathOf(change.uri);
    const key = uriKey(change.uri);
    // An open buffer is the truth until it closes; a file outside the folders is none of ours.
    if (path === undefined || !isInside(path, workspaceFolders) || isOpen(key)) continue;
    // As on start, only Zerops files (by name or content) are read, plus those the index already holds.
    if (!workspace.get(key) && !(await isZeropsFileOnDisk(path))) continue;
    const text = change.type === FileChangeType.Deleted ? undefined : await readZeropsFile(path, workspaceFolders);
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

connection.onInitialize((params): InitializeResult => {
  pullConfiguration = !!params.capabilities.workspace?.configuration;
  suggestAgain = /code|codium/i.test(params.clientInfo?.name ?? '');
  insertAsIs = !!params.capabilities.textDocument?.completion?.completionItem?.insertTextModeSupport?.valueSet?.includes(InsertTextMode.asIs);
  const init = params.initializationOptions as { settings?: unknown } | undefined;
  if (init?.settings) globalSettings = normalizeSettings(init.settings);
  initWorkspace(params);
  return {
    capabilities: {
      ...NAVIGATION_CAPABILITIES,
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
  const s = (change.settings as { zerops?: unknown } | undefined)?.zerops;
  if (s !== undefined) globalSettings = normalizeSettings(s);
  pulledSettings.clear();
  for (const doc of documents.all()) schedule(doc.uri, 0);
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
  (doc) => toHover(doc, project.hover(doc.uri, doc.offsetAt(position)))));
connection.onCompletion(({ textDocument, position }) => answer(textDocument.uri, 'completion', null,
  (doc) => toCompletionList(doc, project.complete(doc.uri, doc.offsetAt(position)), { suggestAgain, asIs: insertAsIs })));

documents.listen(connection);
connection.listen();
