import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after } from 'node:test';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import type { Position, TextEdit } from 'vscode-languageserver-types';
import { LspConnection, sleep, withTimeout, type Published } from '../bench/lsp-client';
import { FIND_FILES, READ_FILE, STAT } from '../server/src/host/protocol';

// The tests' side of the one LSP client (bench/lsp-client.ts): the real bundled server (dist/server.js)
// over stdio, spoken to as an editor would, with node:test's clean-up and the tests' time limit.

export const SERVER = resolve(__dirname, '../../dist/server.js');
/** Every wait gives up after this long, so a broken server fails a test instead of hanging the run. */
export const TIMEOUT_MS = 10_000;

/** A publishDiagnostics as the client recorded it (`at`: when it was read). */
export type PublishDiagnosticsParams = Published;

export interface InitializeResult {
  capabilities: { codeActionProvider?: unknown; [key: string]: unknown };
  serverInfo?: { name: string; version?: string };
}

export { sleep, withTimeout };

/** Every process started by this file, so `after` can kill what a failing test left behind. */
const started = new Set<ChildProcessWithoutNullStreams>();
after(() => {
  for (const proc of started) if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
});

/** The shared client (bench/lsp-client.ts) with the waits of a test: every wait gives up after TIMEOUT_MS. */
export class Session extends LspConnection {
  /** window/logMessage and window/showMessage notifications, in arrival order. */
  readonly logs: { type: number; message: string }[] = [];
  readonly shown: { type: number; message: string }[] = [];
  constructor(proc: ChildProcessWithoutNullStreams, conn?: MessageConnection, answer?: FileRequests) {
    super(proc, conn);
    // What the server logs and shows, as an editor's output channel and notifications would.
    this.conn.onNotification('window/logMessage', (p: { type: number; message: string }) => { this.logs.push(p); });
    this.conn.onNotification('window/showMessage', (p: { type: number; message: string }) => { this.shown.push(p); });
    // The server's file requests (zerops/*), for a workspace it cannot read itself.
    if (answer) for (const method of FILE_REQUESTS) this.conn.onRequest(method, (params: unknown) => answer(method, params));
  }

  override request<R>(method: string, params: unknown): Promise<R> {
    return super.request<R>(method, params, TIMEOUT_MS);
  }

  /** The first publishDiagnostics for `uri` at or after `since` that satisfies `accept`. */
  diagnostics(uri: string, since: number, accept: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    return this.waitPublish(uri, since, accept, TIMEOUT_MS);
  }

  async open(uri: string, text: string, version = 1): Promise<PublishDiagnosticsParams> {
    const since = this.mark();
    await this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
    return this.diagnostics(uri, since);
  }

  change(uri: string, version: number, text: string): Promise<void> {
    return this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** shutdown + exit, as an editor closes the server; the process must end with code 0. */
  async stop(): Promise<void> {
    await this.request<null>('shutdown', null);
    await this.notify('exit', null);
    const code = await withTimeout(this.exited, `server exit${this.stderrNote()}`, TIMEOUT_MS);
    this.conn.dispose();
    assert.equal(code, 0, `server exit code${this.stderrNote()}`);
  }
}

/** A real folder to open as the workspace, and the client capabilities that go with watching it. */
export interface WorkspaceOptions {
  folder: string;
  /** More `capabilities.workspace` the client claims (refreshSupport, say). */
  workspaceCapabilities?: Record<string, unknown>;
  /** The folder's URI when it is not its file URI (a virtual workspace), with the client's answers to the server's file requests. */
  virtual?: { uri: string; answer: FileRequests };
}

/** The client's side of the server's file requests (server/src/host/protocol.ts). */
export type FileRequests = (method: string, params: unknown) => Promise<unknown>;
const FILE_REQUESTS = [FIND_FILES, STAT, READ_FILE];

/**
 * Spawns a server over stdio, by default the bundled one (`zerops-lsp` from an install when `command` names
 * it), tracked so that `after` kills it if a test leaves it behind.
 */
export function spawnServer(options: { command?: readonly string[]; env?: NodeJS.ProcessEnv; answer?: FileRequests } = {}): Session {
  const [cmd, ...args] = options.command ?? [process.execPath, SERVER];
  const proc = spawn(cmd, [...args, '--stdio'], { stdio: 'pipe', ...(options.env ? { env: options.env } : {}) });
  started.add(proc);
  return new Session(proc, undefined, options.answer);
}

/** Kills the session's server if it still runs (after a clean stop it does not). */
export function killServer(s: Session): void {
  if (s.proc.exitCode === null && s.proc.signalCode === null) s.proc.kill('SIGKILL');
  started.delete(s.proc);
}

/**
 * A server initialized with `params` as one particular client sends them (its capabilities, clientInfo),
 * given to `body`, then shut down cleanly; killed whatever happens.
 */
export async function withClient(params: Record<string, unknown>, body: (s: Session, init: InitializeResult) => Promise<void>, options: Parameters<typeof spawnServer>[0] = {}): Promise<void> {
  const s = spawnServer(options);
  try {
    const init = await s.request<InitializeResult>('initialize', { processId: process.pid, ...params });
    await s.notify('initialized', {});
    await body(s, init);
    await s.stop();
  } finally {
    killServer(s);
  }
}

export async function startServer(initializationOptions?: unknown, workspace?: WorkspaceOptions): Promise<{ session: Session; init: InitializeResult }> {
  const session = spawnServer({ answer: workspace?.virtual?.answer });
  const folderUri = workspace ? workspace.virtual?.uri ?? pathToFileURL(workspace.folder).href : 'file:///w';
  const init = await session.request<InitializeResult>('initialize', {
    processId: process.pid,
    rootUri: folderUri,
    workspaceFolders: [{ uri: folderUri, name: workspace ? 'workspace' : 'w' }],
    // Deliberately no workspace.configuration: the server must use initializationOptions / didChangeConfiguration.
    capabilities: {
      textDocument: {
        synchronization: { didSave: false, dynamicRegistration: false },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, isPreferredSupport: true },
        ...(workspace ? { rename: { prepareSupport: true }, documentSymbol: { hierarchicalDocumentSymbolSupport: true } } : {}),
      },
      ...(workspace ? { workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true, ...workspace.workspaceCapabilities } } : {}),
    },
    ...(initializationOptions === undefined ? {} : { initializationOptions }),
  });
  await session.notify('initialized', {});
  return { session, init };
}

/** Starts a server, runs `body`, then shuts it down cleanly; kills it whatever happens. */
export async function withServer(body: (s: Session, init: InitializeResult) => Promise<void>, initializationOptions?: unknown, workspace?: WorkspaceOptions): Promise<void> {
  const { session, init } = await startServer(initializationOptions, workspace);
  try {
    await body(session, init);
    await session.stop();
  } finally {
    killServer(session);
  }
}

/** Where the line after `from`'s line starts (LSP ends a line at \n, \r\n or a lone \r), or -1. */
function nextLine(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\n') return i + 1;
    if (text[i] === '\r') return text[i + 1] === '\n' ? i + 2 : i + 1;
  }
  return -1;
}

export function offsetAt(text: string, pos: Position): number {
  let offset = 0;
  for (let line = 0; line < pos.line; line++) {
    const next = nextLine(text, offset);
    assert.ok(next >= 0, `line ${pos.line} is past the end of the text`);
    offset = next;
  }
  const next = nextLine(text, offset);
  const end = next < 0 ? text.length : next - (text[next - 2] === '\r' && text[next - 1] === '\n' ? 2 : 1);
  assert.ok(offset + pos.character <= end, `character ${pos.character} is past the end of line ${pos.line}`);
  return offset + pos.character;
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const spans = edits
    .map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start);
  for (let i = 1; i < spans.length; i++) assert.ok(spans[i].end <= spans[i - 1].start, 'edits overlap');
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.newText + out.slice(s.end);
  return out;
}

/** The rule ids of a publishDiagnostics, in order. */
export const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => String(d.code));
