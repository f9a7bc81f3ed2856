import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after } from 'node:test';
import { StreamMessageReader, StreamMessageWriter, createMessageConnection, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, Position, TextEdit } from 'vscode-languageserver-types';
import { FIND_FILES, READ_FILE, STAT } from '../server/src/host/protocol';

// A minimal LSP client for tests: the real bundled server (dist/server.js) over stdio, spoken to as an editor would.

export const SERVER = resolve(__dirname, '../../dist/server.js');
/** Every wait gives up after this long, so a broken server fails a test instead of hanging the run. */
export const TIMEOUT_MS = 10_000;

export interface PublishDiagnosticsParams {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

export interface InitializeResult {
  capabilities: { codeActionProvider?: unknown; [key: string]: unknown };
  serverInfo?: { name: string; version?: string };
}

export function withTimeout<T>(promise: Promise<T>, what: string, ms = TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Every process started by this file, so `after` can kill what a failing test left behind. */
const started = new Set<ChildProcessWithoutNullStreams>();
after(() => {
  for (const proc of started) if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
});

export class Session {
  /** Every publishDiagnostics the server sent, in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  /** Every client/registerCapability the server asked for (accepted, as an editor would). */
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  /** window/logMessage and window/showMessage notifications, in arrival order. */
  readonly logs: { type: number; message: string }[] = [];
  readonly shown: { type: number; message: string }[] = [];
  private waiters: (() => void)[] = [];
  private stderr = '';
  private readonly exited: Promise<number | null>;

  constructor(readonly proc: ChildProcessWithoutNullStreams, readonly conn: MessageConnection, answer?: FileRequests) {
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (chunk: string) => { this.stderr += chunk; });
    this.exited = new Promise((res) => proc.once('exit', (code) => res(code)));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      for (const w of this.waiters.splice(0)) w();
    });
    // What the server logs and shows, as an editor's output channel and notifications would.
    conn.onNotification('window/logMessage', (p: { type: number; message: string }) => { this.logs.push(p); });
    conn.onNotification('window/showMessage', (p: { type: number; message: string }) => { this.shown.push(p); });
    conn.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...p.registrations);
      return null;
    });
    // The server's file requests (zerops/*), for a workspace it cannot read itself.
    if (answer) for (const method of FILE_REQUESTS) conn.onRequest(method, (params: unknown) => answer(method, params));
    conn.listen();
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return withTimeout(this.conn.sendRequest<R>(method, params), `response to ${method}${this.stderrNote()}`);
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.conn.sendNotification(method, params);
  }

  /** Position in `published` from which a later wait looks; take it before sending what causes the publish. */
  mark(): number {
    return this.published.length;
  }

  /** The first publishDiagnostics for `uri` at or after `since` that satisfies `accept`. */
  async diagnostics(uri: string, since: number, accept: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    const find = () => this.published.slice(since).find((p) => p.uri === uri && accept(p));
    const found = find();
    if (found) return found;
    return withTimeout(new Promise<PublishDiagnosticsParams>((res) => {
      const check = () => {
        const hit = find();
        if (hit) res(hit);
        else this.waiters.push(check);
      };
      this.waiters.push(check);
    }), `diagnostics for ${uri}${this.stderrNote()}`);
  }

  publishedFor(uri: string, since = 0): PublishDiagnosticsParams[] {
    return this.published.slice(since).filter((p) => p.uri === uri);
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
    const code = await withTimeout(this.exited, `server exit${this.stderrNote()}`);
    this.conn.dispose();
    assert.equal(code, 0, `server exit code${this.stderrNote()}`);
  }

  private stderrNote(): string {
    return this.stderr ? ` (server stderr: ${this.stderr.trim()})` : '';
  }
}

/** A real folder to open as the workspace, and the client capabilities that go with watching it. */
export interface WorkspaceOptions {
  folder: string;
  /** The folder's URI when it is not its file URI (a virtual workspace), with the client's answers to the server's file requests. */
  virtual?: { uri: string; answer: FileRequests };
}

/** The client's side of the server's file requests (server/src/host/protocol.ts). */
export type FileRequests = (method: string, params: unknown) => Promise<unknown>;
const FILE_REQUESTS = [FIND_FILES, STAT, READ_FILE];

export async function startServer(initializationOptions?: unknown, workspace?: WorkspaceOptions): Promise<{ session: Session; init: InitializeResult }> {
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
  started.add(proc);
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const session = new Session(proc, conn, workspace?.virtual?.answer);
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
      ...(workspace ? { workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true } } : {}),
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
    if (session.proc.exitCode === null && session.proc.signalCode === null) session.proc.kill('SIGKILL');
    started.delete(session.proc);
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
