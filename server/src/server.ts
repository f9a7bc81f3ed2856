import {
  CodeActionKind, ProposedFeatures, TextDocumentSyncKind, TextDocuments,
  createConnection, type Connection, type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseZerops } from './model/parse';
import type { ZeropsModel } from './model/types';
import type { RuleFinding } from './rules/rule';
import { complete } from './service/completion';
import { hover } from './service/hover';
import { FIX_ALL_KIND, codeActions, fixAllAction, toDiagnostic } from './service/lsp';
import { toCompletionList, toHover } from './service/lsp-features';
import { DEFAULT_SETTINGS, normalizeSettings, type ZeropsSettings } from './service/settings';
import { applySettings, runRules } from './service/validate';
import { VERSION } from './version';

// The LSP adapter: documents, the parse cache, debounced validation, settings. No Zerops knowledge here.

const TRANSPORT_FLAGS = /^--(stdio|node-ipc|socket|pipe)\b/;

if (process.argv.includes('--version')) {
  process.stdout.write(`zerops-lsp ${VERSION}\n`);
  process.exit(0);
}
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write('Usage: zerops-lsp [--stdio | --node-ipc | --socket=PORT]\n\nThe Zerops language server. Editors start it; it speaks LSP over stdio by default.\n');
  process.exit(0);
}
if (!process.argv.some((a) => TRANSPORT_FLAGS.test(a))) process.argv.push('--stdio');

/** Milliseconds of quiet after the last keystroke before a document is checked again. */
const DEBOUNCE_MS = 150;

interface Analysis {
  version: number;
  model: ZeropsModel;
  /** All findings at default levels; settings are applied when publishing. */
  findings: RuleFinding[];
}

const connection: Connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const analyses = new Map<string, Analysis>();
const timers = new Map<string, NodeJS.Timeout>();
let pullConfiguration = false;
let globalSettings: ZeropsSettings = DEFAULT_SETTINGS;

/** Parses and checks a document version once; every request for that version reads the result. */
function analysis(doc: TextDocument): Analysis {
  const cached = analyses.get(doc.uri);
  if (cached && cached.version === doc.version) return cached;
  const model = parseZerops(doc.getText(), { fileName: doc.uri });
  const findings = runRules(model, {
    onRuleError: (rule, err) => connection.console.error(`rule ${rule.id} failed on ${doc.uri}: ${(err as Error)?.stack ?? String(err)}`),
  });
  const fresh = { version: doc.version, model, findings };
  analyses.set(doc.uri, fresh);
  return fresh;
}

async function settingsFor(uri: string): Promise<ZeropsSettings> {
  if (!pullConfiguration) return globalSettings;
  try {
    return normalizeSettings(await connection.workspace.getConfiguration({ scopeUri: uri, section: 'zerops' }));
  } catch {
    return globalSettings;
  }
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
  await connection.sendDiagnostics({ uri, version, diagnostics });
}

function schedule(uri: string, delay: number): void {
  const pending = timers.get(uri);
  if (pending) clearTimeout(pending);
  timers.set(uri, setTimeout(() => {
    timers.delete(uri);
    publish(uri).catch((err) => connection.console.error(`validation of ${uri} failed: ${(err as Error)?.stack ?? String(err)}`));
  }, delay));
}

connection.onInitialize((params): InitializeResult => {
  pullConfiguration = !!params.capabilities.workspace?.configuration;
  suggestAgain = /code|codium/i.test(params.clientInfo?.name ?? '');
  const init = params.initializationOptions as { settings?: unknown } | undefined;
  if (init?.settings) globalSettings = normalizeSettings(init.settings);
  return {
    capabilities: {
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
  for (const doc of documents.all()) schedule(doc.uri, 0);
});

// Fires on open too: a document never checked is checked at once, edits after a short quiet period.
documents.onDidChangeContent((e) => schedule(e.document.uri, analyses.has(e.document.uri) ? DEBOUNCE_MS : 0));
documents.onDidClose((e) => {
  const t = timers.get(e.document.uri);
  if (t) clearTimeout(t);
  timers.delete(e.document.uri);
  analyses.delete(e.document.uri);
  connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }).catch(() => undefined);
});

connection.onCodeAction(async (params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  const settings = await settingsFor(doc.uri);
  if (!settings.enable) return [];
  const { findings } = analysis(doc);
  const only = params.context.only;
  if (only?.some((k) => FIX_ALL_KIND.startsWith(k) && k !== CodeActionKind.Empty)) {
    const all = fixAllAction(doc, applySettings(findings, settings));
    return all ? [all] : [];
  }
  return codeActions(doc, findings, params.context.diagnostics);
});

// Hover and completion read the cached analysis of the current version; a failure answers nothing.
const COMPLETION_TRIGGERS = ['{', '_', '@'];
/** VS Code (and its builds) can be asked to suggest again after a hostname is inserted; other clients would send the command back. */
let suggestAgain = false;
function answer<T>(uri: string, what: string, compute: (doc: TextDocument) => T): T | null {
  const doc = documents.get(uri);
  if (!doc) return null;
  try {
    return compute(doc);
  } catch (err) {
    connection.console.error(`${what} on ${uri} failed: ${(err as Error)?.stack ?? String(err)}`);
    return null;
  }
}
connection.onHover(({ textDocument, position }) => answer(textDocument.uri, 'hover',
  (doc) => toHover(doc, hover(analysis(doc).model, doc.offsetAt(position)))));
connection.onCompletion(({ textDocument, position }) => answer(textDocument.uri, 'completion',
  (doc) => toCompletionList(doc, complete(analysis(doc).model, doc.offsetAt(position)), { suggestAgain })));

documents.listen(connection);
connection.listen();
