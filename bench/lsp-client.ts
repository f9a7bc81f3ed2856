import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { StreamMessageReader, StreamMessageWriter, createMessageConnection, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';

// A language server over stdio, driven the way VS Code drives one: it advertises workspace/configuration
// and dynamic registration, answers configuration requests from a settings object, and records when
// each publishDiagnostics arrived. No node:test here: the benchmark is a plain program.

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

export class LspServer {
  readonly published: Published[] = [];
  /** Sections the server asked for through workspace/configuration. */
  readonly configurationAsked: string[] = [];
  private waiters: (() => void)[] = [];
  private readonly conn: MessageConnection;
  private readonly proc: ChildProcessWithoutNullStreams;
  private readonly exited: Promise<void>;
  stderr = '';

  constructor(readonly spec: ServerSpec) {
    this.proc = spawn(spec.command, spec.args, { stdio: 'pipe' });
    running.add(this.proc);
    this.exited = new Promise((res) => this.proc.once('exit', () => res()));
    // A server that dies mid-write must not take the benchmark down with an EPIPE.
    this.proc.stdin.on('error', () => undefined);
    this.proc.stderr.setEncoding('utf8');
    this.proc.stderr.on('data', (c: string) => { this.stderr = (this.stderr + c).slice(-4000); });
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout), new StreamMessageWriter(this.proc.stdin));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: Omit<Published, 'at'>) => {
      this.published.push({ ...p, at: performance.now() });
      for (const w of this.waiters.splice(0)) w();
    });
    this.conn.onNotification(() => undefined);
    this.conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => {
      this.configurationAsked.push(...p.items.map((i) => i.section ?? ''));
      return p.items.map((i) => lookup(spec.settings, i.section));
    });
    for (const [method, answer] of Object.entries(spec.requests ?? {})) this.conn.onRequest(method, answer);
    // registerCapability, workDoneProgress/create and the like: accepted, as an editor would.
    this.conn.onRequest(() => null);
    this.conn.listen();
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  /** initialize with VS Code-like capabilities, then initialized; resolves when the result arrived. */
  async initialize(rootUri: string | null): Promise<void> {
    await withTimeout(this.conn.sendRequest('initialize', {
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
    }), `initialize of ${this.spec.name}${this.stderrNote()}`, 30_000);
    await this.conn.sendNotification('initialized', {});
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.conn.sendNotification(method, params);
  }

  /** Sends the settings as VS Code does on start; the server may pull them back through workspace/configuration. */
  configure(): Promise<void> {
    return this.notify('workspace/didChangeConfiguration', { settings: this.spec.settings });
  }

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
    }), `diagnostics for ${uri} from ${this.spec.name}${this.stderrNote()}`, ms);
  }

  publishedFor(uri: string, since: number): Published[] {
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

  /** shutdown + exit; killed if it does not end within a few seconds. */
  async stop(): Promise<void> {
    try {
      await withTimeout(this.conn.sendRequest('shutdown'), `shutdown of ${this.spec.name}`, 5000);
      await this.conn.sendNotification('exit');
      await withTimeout(this.exited, `exit of ${this.spec.name}`, 5000);
    } catch {
      // Whatever went wrong, the process must not outlive the benchmark.
    } finally {
      if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGKILL');
      running.delete(this.proc);
      this.conn.dispose();
    }
  }

  private stderrNote(): string {
    return this.stderr ? ` (stderr: ${this.stderr.trim().slice(-500)})` : '';
  }
}
