import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, test } from 'node:test';
import { ResponseError } from 'vscode-jsonrpc/node';
import type { CodeAction } from 'vscode-languageserver-types';
import { Session, codes, killServer, sleep, spawnServer, withServer, withTimeout } from './lsp-client';

// The server over stdio when the client misbehaves: garbage on the wire, methods it does not know,
// documents it never saw, positions past the end, a flood of edits, and a client that vanishes.

const URI = 'file:///w/import.yaml';
const TEXT = 'services:\n  - hostname: cache\n    type: valkey@8\n    mode: HA\n';
const METHOD_NOT_FOUND = -32601;

/** The server still does real work: a document opened now gets its diagnostics. */
async function stillAnswers(s: Session, uri = 'file:///w/zerops-import.yml'): Promise<void> {
  const p = await s.open(uri, TEXT);
  assert.deepEqual(codes(p), ['valkey-version']);
}

/**
 * A server initialized with `processId` as its parent's pid, for the tests that end it some other way than
 * shutdown; `exited` resolves with its exit code.
 */
async function startWithParent(processId: number | undefined): Promise<{ s: Session; exited: Promise<number | null>; dispose(): void }> {
  const s = spawnServer();
  const exited = new Promise<number | null>((res) => s.proc.once('exit', (code) => res(code)));
  const dispose = () => {
    s.conn.dispose();
    killServer(s);
  };
  try {
    await s.request('initialize', { processId: processId ?? null, rootUri: null, capabilities: {} });
    await s.notify('initialized', {});
    await stillAnswers(s);
  } catch (err) {
    dispose();
    throw err;
  }
  return { s, exited, dispose };
}

function frame(body: string): string {
  return `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
}

describe('protocol resilience', () => {
  test('malformed JSON-RPC on stdin (bad JSON, not a message, wrong params) does not stop the server', async () => {
    await withServer(async (s) => {
      const raw = (text: string) => new Promise<void>((res, rej) => s.proc.stdin.write(text, (err) => (err ? rej(err) : res())));
      await raw(frame('{"jsonrpc":"2.0","id":91,"method":'));
      await raw(frame('{"hello":"world"}'));
      await raw(frame('[1,2,3]'));
      await raw(frame('{"jsonrpc":"2.0","method":"textDocument/didOpen","params":null}'));
      await raw(frame('{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":7},"contentChanges":"x"}}'));
      await raw(frame('{"jsonrpc":"2.0","id":92,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///nowhere"},"range":null,"context":null}}'));
      await raw(frame('"\u0000\uFFFF binary \uD800"'));
      await stillAnswers(s);
    });
  });

  test('an unknown request gets MethodNotFound; an unknown notification is ignored', async () => {
    await withServer(async (s) => {
      await assert.rejects(s.request('zerops/doesNotExist', { a: 1 }), (err: unknown) => err instanceof ResponseError && err.code === METHOD_NOT_FOUND);
      await assert.rejects(s.request('textDocument/definitionOfEverything', {}), (err: unknown) => err instanceof ResponseError && err.code === METHOD_NOT_FOUND);
      await s.notify('zerops/somethingHappened', { x: 1 });
      await s.notify('$/cancelRequest', { id: 12345 });
      await stillAnswers(s);
    });
  });

  test('requests and notifications about documents never opened answer empty and break nothing', async () => {
    await withServer(async (s) => {
      const actions = await s.request('textDocument/codeAction', {
        textDocument: { uri: 'file:///w/never-opened/import.yaml' },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [] },
      });
      assert.deepEqual(actions, []);
      await s.notify('textDocument/didChange', { textDocument: { uri: 'file:///w/ghost.yaml', version: 3 }, contentChanges: [{ text: 'x' }] });
      await s.notify('textDocument/didClose', { textDocument: { uri: 'file:///w/ghost2.yaml' } });
      await stillAnswers(s);
    });
  });

  test('positions and ranges past the end, negative or absurd, answer empty', async () => {
    await withServer(async (s) => {
      const opened = await s.open(URI, TEXT);
      const d = opened.diagnostics[0];
      for (const range of [
        { start: { line: 10_000, character: 0 }, end: { line: 10_001, character: 5 } },
        { start: { line: 0, character: 100_000 }, end: { line: 0, character: 100_001 } },
        { start: { line: 2 ** 31 - 1, character: 2 ** 31 - 1 }, end: { line: 2 ** 31 - 1, character: 2 ** 31 - 1 } },
        { start: { line: 3, character: 5 }, end: { line: 1, character: 0 } },
      ]) {
        const actions = await s.request<CodeAction[]>('textDocument/codeAction', {
          textDocument: { uri: URI }, range, context: { diagnostics: [{ ...d, range }] },
        });
        assert.deepEqual(actions, [], JSON.stringify(range));
      }
      // The real diagnostic still gets its fix afterwards.
      const fix = await s.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: URI }, range: d.range, context: { diagnostics: [d] } });
      assert.ok(fix.length > 0);
    });
  });

  test('1 000 rapid didChange notifications: a handful of publishes, the last for the last version', async () => {
    await withServer(async (s) => {
      await s.open(URI, TEXT);
      const since = s.mark();
      const sends: Promise<void>[] = [];
      for (let v = 2; v <= 1001; v++) {
        // Alternate full and incremental changes; the last text has a valkey@9 and nothing else wrong.
        sends.push(v % 2 === 0
          ? s.change(URI, v, TEXT.replace('valkey@8', `valkey@${v}`))
          : s.notify('textDocument/didChange', {
            textDocument: { uri: URI, version: v },
            contentChanges: [{ range: { start: { line: 2, character: 17 }, end: { line: 2, character: 17 + String(v - 1).length } }, text: String(v) }],
          }));
      }
      await Promise.all(sends);
      const last = await s.diagnostics(URI, since, (p) => p.version === 1001);
      assert.deepEqual(codes(last), ['valkey-version']);
      await sleep(400);
      // The debounce waits a short fixed time and longer only during a storm, so a burst is checked a
      // few times at most (how the notifications are split into reads decides how many), never per change,
      // and what stays published is the last version.
      const versions = s.publishedFor(URI, since).map((p) => p.version);
      assert.ok(versions.length <= 10, `published versions: ${JSON.stringify(versions)}`);
      assert.equal(versions[versions.length - 1], 1001, `published versions: ${JSON.stringify(versions)}`);
    });
  });

  test('hostile documents over the wire (10 MB, an alias bomb, binary) are answered and the server goes on', async () => {
    await withServer(async (s) => {
      const big = `services:\n${'  - hostname: a\n    type: valkey@8\n'.repeat(300_000)}`;
      assert.deepEqual(codes(await s.open('file:///w/big.import.yaml', big)), ['file-size']);
      const bomb = ['a: &a [x,x,x,x,x,x,x,x,x]', ...'bcdefghij'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghij'[i]}`).join(',')}]`)].join('\n');
      // The bomb is reported (its keys a…j are also unknown at the root of an import file, and say so).
      const bombCodes = codes(await s.open('file:///w/bomb.import.yaml', `${bomb}\n`));
      assert.equal(bombCodes.filter((c) => c === 'yaml-syntax').length, 1, bombCodes.join(', '));
      let binary = '';
      for (let i = 0; i < 20_000; i++) binary += String.fromCharCode((i * 7919) % 256);
      await s.open('file:///w/binary.import.yaml', binary);
      await stillAnswers(s);
    });
  });

  test('stdin closed without shutdown: the server exits by itself, with code 1 as LSP prescribes', async () => {
    const { s, exited, dispose } = await startWithParent(process.pid);
    try {
      s.proc.stdin.end();
      assert.equal(await withTimeout(exited, 'server exit after stdin closed', 5000), 1);
    } finally {
      dispose();
    }
  });

  test('the parent process goes away: the initialize.processId watchdog ends the server within seconds', async () => {
    // A stand-in editor process whose pid the server is given; stdin stays open, as when an editor crashes.
    const parent = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const { exited, dispose } = await startWithParent(parent.pid);
    try {
      parent.kill('SIGKILL');
      // vscode-languageserver polls the pid every 3 s; no watchdog of our own is needed.
      assert.equal(await withTimeout(exited, 'server exit after its parent died', 8000), 1);
    } finally {
      dispose();
      if (parent.exitCode === null && parent.signalCode === null) parent.kill('SIGKILL');
    }
  });
});
