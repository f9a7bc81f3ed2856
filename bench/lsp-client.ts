import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { StreamMessageReader, StreamMessageWriter, createMessageConnection, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';

// The one LSP client of the repository, for the benchmark and the protocol tests (test/lsp-client.ts adds
// what node:test needs): a language server over stdio, driven the way an editor drives one. No node:test
// here: the benchmark is a plain program.

export interface Published {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
  /** performance.now() when the notification was read. */
  at: number;
}

export interface ServerSpec {
  name: string;
  command: string;
  args: string[];
  /** The settings tree `workspace/configuration` sections are looked up in (`yaml`, `[yaml]`, `zerops` …). */
  settings: Record<string, unknown>;
  /** Requests of the server's own that the client answers (yaml-ls's `custom/schema/request` from an extension). */
  requests?: Record<string, (params: unknown) => unknown>;
}

/** Every server started and not yet stopped: killed on any way out of the benchmark. */
const running = new Set<ChildProcessWithoutNullStreams>();

export function killAll(): void {
  for (const p of running) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  running.clear();
}

function lookup(settings: Record<string, unknown>, section: string | undefined): unknown {
  if (!section) return settings;
  if (section in settings) return settings[section];
  let node: unknown = settings;
  for (const part of section.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  return node ?? null;
}

export function withTimeout<T>(promise: Promise<T>, what: string, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * One connection to a language server process over stdio: what both the benchmark and the protocol tests
 * drive. It records every publishDiagnostics (with the time it was read), accepts registrations as an
 * editor would (and keeps them), answers workspace/configuration from a settings tree, and keeps the tail
 * of the server's stderr for error messages.
 */
export class LspConnection {
  readonly published: Published[] = [];
  /** Sections the server asked for through workspace/configuration. */
  readonly configurationAsked: string[] = [];
  /** Every client/registerCapability the server asked for. */
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  /** Every workspace/codeLens/refresh and workspace/inlayHint/refresh the server sent. */
  readonly refreshes: string[] = [];
  stderr = '';
  protected readonly exited: Promise<number | null>;
  private waiters: (() => void)[] = [];

  constructor(
    readonly proc: ChildProcessWithoutNullStreams,
    readonly conn: MessageConnection = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin)),
    settings: Record<string, unknown> = {},
    readonly name = 'the server',
    requests: Record<string, (params: unknown) => unknown> = {},
  ) {
    this.exited = new Promise((res) => proc.once('exit', (code) => res(code)));
    // A server that dies mid-write must not take the client down with an EPIPE.
    proc.stdin.on('error', () => undefined);
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (c: string) => { this.stderr = (this.stderr + c).slice(-20_000); });
    conn.onNotification('textDocument/publishDiagnostics', (p: Omit<Published, 'at'>) => {
      this.published.push({ ...p, at: performance.now() });
      for (const w of this.waiters.splice(0)) w();
    });
    // Logs and progress: an editor would show them, a client here ignores them.
    conn.onNotification(() => undefined);
    conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => {
      this.configurationAsked.push(...p.items.map((i) => i.section ?? ''));
      return p.items.map((i) => lookup(settings, i.section));
    });
    conn.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...p.registrations);
      return null;
    });
    // Asked to re-request lenses and hints (when it claimed refreshSupport): counted, as an editor would act on it.
    for (const method of ['workspace/codeLens/refresh', 'workspace/inlayHint/refresh']) {
      conn.onRequest(method, () => {
        this.refreshes.push(method);
        return null;
      });
    }
    // Requests of the server's own that this client answers (yaml-ls's `custom/schema/request` from an extension).
    for (const [method, answer] of Object.entries(requests)) conn.onRequest(method, answer);
    // workDoneProgress/create and the like: accepted, as an editor would.
    conn.onRequest(() => null);
    conn.listen();
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  request<R>(method: string, params: unknown, ms = 30_000): Promise<R> {
    return withTimeout(this.conn.sendRequest<R>(method, params), `response to ${method} from ${this.name}${this.stderrNote()}`, ms);
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.conn.sendNotification(method, params);
  }

  /** Position in `published` from which a later wait looks; take it before sending what causes the publish. */
  mark(): number {
    return this.published.length;
  }

  /** The first publish for `uri` from index `since` on that `accept`s. */
  waitPublish(uri: string, since: number, accept: (p: Published) => boolean = () => true, ms = 60_000): Promise<Published> {
    const find = () => this.published.slice(since).find((p) => p.uri === uri && accept(p));
    return withTimeout(new Promise<Published>((res) => {
      const check = () => {
        const hit = find();
        if (hit) res(hit);
        else this.waiters.push(check);
      };
      check();
    }), `diagnostics for ${uri} from ${this.name}${this.stderrNote()}`, ms);
  }

  publishedFor(uri: string, since = 0): Published[] {
    return this.published.slice(since).filter((p) => p.uri === uri);
  }

  /** VmRSS of the server process, in KB (Linux). */
  rssKb(): number | undefined {
    try {
      const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${this.proc.pid}/status`, 'utf8'));
      return m ? Number(m[1]) : undefined;
    } catch {
      return undefined;
    }
  }

  protected stderrNote(): string {
    return this.stderr ? ` (stderr: ${this.stderr.trim().slice(-2000)})` : '';
  }
}

/** A server of the benchmark: spawned from its spec, initialized as VS Code initializes one, killed on any way out. */
export class LspServer extends LspConnection {
  constructor(readonly spec: ServerSpec) {
    const proc = spawn(spec.command, spec.args, { stdio: 'pipe' });
    running.add(proc);
    super(proc, undefined, spec.settings, spec.name, spec.requests);
  }

  /** initialize with VS Code-like capabilities, then initialized; resolves when the result arrived. */
  async initialize(rootUri: string | null): Promise<void> {
    await this.request('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'bench' }] : null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
        textDocument: {
          synchronization: { dynamicRegistration: true, didSave: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true } },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
        },
      },
    });
    await this.notify('initialized', {});
  }

  /** Sends the settings as VS Code does on start; the server may pull them back through workspace/configuration. */
  configure(): Promise<void> {
    return this.notify('workspace/didChangeConfiguration', { settings: this.spec.settings });
  }

  /** shutdown + exit; killed if it does not end within a few seconds. */
  async stop(): Promise<void> {
    try {
      await this.request('shutdown', null, 5000);
      await this.notify('exit', null);
      await withTimeout(this.exited, `exit of ${this.spec.name}`, 5000);
    } catch {
      // Whatever went wrong, the process must not outlive the benchmark.
    } finally {
      if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGKILL');
      running.delete(this.proc);
      this.conn.dispose();
    }
  }
}
