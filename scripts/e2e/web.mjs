// The web worker end to end: dist/web/server.js, served from a loopback HTTP server, runs as a Worker in
// Debian's Chromium (driven through playwright-core), and is spoken to in LSP over postMessage, as VS Code
// for the web speaks to it. The page plays the editor: it answers the server's file requests
// (zerops/findFiles, zerops/stat, zerops/readFile) from an in-memory `vscode-vfs://` workspace with no .git,
// as github.dev has none. Checks: diagnostics for valkey@8 and the fix, a hover on a port, completion, the
// workspace index (a zerops.yml checked against the import file found by findFiles) and a site config read
// through the client. With --bench, it measures instead: cold start (Worker created → first diagnostics),
// next to the Node server's (process spawned → first diagnostics), and the bundles' sizes.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { CHROMIUM, PLAYWRIGHT, launchChromium } from './code-server.mjs';
import { onCleanup, runMain, scratchDir } from './proc.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const WEB_SERVER = join(ROOT, 'dist/web/server.js');
const NODE_SERVER = join(ROOT, 'dist/server.js');
const FIXTURES = join(ROOT, 'test/e2e/fixtures');
const BENCH = process.argv.includes('--bench');
const RUNS = Number(process.env.ZEROPS_BENCH_RUNS || 10);

const t0 = Date.now();
const stamp = (what) => console.log(`[web] ${((Date.now() - t0) / 1000).toFixed(1)} s  ${what}`);

// ---- the virtual workspace: github.dev's scheme, no .git -------------------------------------------------
const FOLDER = 'vscode-vfs://github/zeropsio/demo';
const SITE_YML = 'zerops:\n  - setup: web\n    build:\n      base: php@8.4\n      deployFiles: ./\n    run:\n      base: php-nginx@8.4\n      siteConfigPath: site.conf\n';
const FILES = {
  'import.yaml': readFileSync(join(FIXTURES, 'import.yaml'), 'utf8'),
  'app/zerops.yml': readFileSync(join(FIXTURES, 'zerops.yml'), 'utf8'),
  'web/zerops.yml': SITE_YML,
  'web/site.conf': 'server {\n  root {{.DocumentRoot}};\n}\n',
  'README.md': '# demo\n',
  'node_modules/x/import.yaml': 'services:\n  - hostname: cache\n    type: valkey@7.2\n    mode: HA\n',
};
const uriOf = (path) => `${FOLDER}/${path}`;

/** The editor's side of the file requests, over the in-memory workspace (FileType: 1 file, 2 directory). */
function answerFileRequest(method, params) {
  const rel = (uri) => (uri === FOLDER ? '' : uri.startsWith(`${FOLDER}/`) ? uri.slice(FOLDER.length + 1) : undefined);
  if (method === 'zerops/findFiles') {
    if (params.folder !== FOLDER) return [];
    return Object.keys(FILES).filter((p) => /\.ya?ml$/i.test(p) && !/(^|\/)(node_modules|\.git)\//.test(p)).map(uriOf);
  }
  const path = rel(params.uri);
  if (path === undefined) throw new Error(`${params.uri} is not inside the workspace`);
  if (method === 'zerops/stat') {
    if (path in FILES) return { type: 1, size: Buffer.byteLength(FILES[path]) };
    return path === '' || Object.keys(FILES).some((p) => p.startsWith(`${path}/`)) ? { type: 2, size: 0 } : null;
  }
  if (method === 'zerops/readFile') {
    if (!(path in FILES)) throw new Error(`no file ${params.uri}`);
    return Buffer.byteLength(FILES[path]) > params.maxBytes ? null : FILES[path];
  }
  throw new Error(`unknown request ${method}`);
}

// ---- the page: a Worker and a postMessage bridge ---------------------------------------------------------
function serve() {
  const server = createServer((req, res) => {
    const files = { '/': ['text/html', '<!doctype html><title>zerops-lsp web worker</title>'], '/server.js': ['text/javascript', readFileSync(WEB_SERVER)] };
    const hit = files[req.url];
    if (!hit) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': hit[0] }).end(hit[1]);
  });
  return new Promise((res) => server.listen(0, '127.0.0.1', () => res(server)));
}

const INIT = {
  processId: null,
  clientInfo: { name: 'e2e-web' },
  rootUri: FOLDER,
  workspaceFolders: [{ uri: FOLDER, name: 'demo' }],
  capabilities: {
    textDocument: {
      publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } }, isPreferredSupport: true },
      completion: { completionItem: { snippetSupport: true } },
      hover: { contentFormat: ['markdown', 'plaintext'] },
    },
    workspace: { workspaceFolders: true },
  },
};

/**
 * Starts the worker in the page and sends initialize, initialized and didOpen of `first` at once (what
 * the cold start measures: a real client does the same). Messages from the worker reach `onMessage`.
 */
async function startWorker(page, first) {
  const messages = [
    { jsonrpc: '2.0', id: 0, method: 'initialize', params: INIT },
    { jsonrpc: '2.0', method: 'initialized', params: {} },
    { jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: uriOf(first), languageId: 'yaml', version: 1, text: FILES[first] } } },
  ];
  return page.evaluate((messages) => {
    const started = performance.now();
    const worker = new Worker('/server.js');
    window.lspWorker = worker;
    window.firstDiagnosticsMs = new Promise((res) => {
      worker.addEventListener('message', (e) => {
        if (e.data?.method === 'textDocument/publishDiagnostics') res(performance.now() - started);
      });
    });
    worker.addEventListener('message', (e) => window.fromServer(e.data));
    worker.addEventListener('error', (e) => window.fromServer({ workerError: String(e.message) }));
    for (const m of messages) worker.postMessage(m);
  }, messages);
}

class Client {
  constructor(page) {
    this.page = page;
    this.nextId = 1;
    this.pending = new Map();
    this.published = [];
    this.waiters = [];
    this.serverErrors = [];
  }

  /** One message from the worker: a response, a notification, or a request to answer. */
  receive(msg) {
    if (msg.workerError) {
      this.serverErrors.push(msg.workerError);
      return;
    }
    if (msg.id !== undefined && !msg.method) {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (p) msg.error ? p.reject(new Error(`${p.method}: ${msg.error.message}`)) : p.resolve(msg.result);
      return;
    }
    if (msg.method === 'textDocument/publishDiagnostics') {
      this.published.push(msg.params);
      for (const w of this.waiters.splice(0)) w();
      return;
    }
    if (msg.method === 'window/logMessage' && msg.params.type === 1) this.serverErrors.push(msg.params.message);
    if (msg.id === undefined) return;
    let reply;
    try {
      reply = { jsonrpc: '2.0', id: msg.id, result: msg.method === 'client/registerCapability' ? null : answerFileRequest(msg.method, msg.params) };
    } catch (err) {
      reply = { jsonrpc: '2.0', id: msg.id, error: { code: -32803, message: String(err.message) } };
    }
    // The page may be closing at the end of the run; an answer nobody waits for can be dropped.
    this.post(reply).catch(() => undefined);
  }

  post(msg) {
    return this.page.evaluate((m) => window.lspWorker.postMessage(m), msg);
  }

  request(method, params) {
    const id = this.nextId++;
    const answer = new Promise((resolve, reject) => this.pending.set(id, { resolve, reject, method }));
    this.post({ jsonrpc: '2.0', id, method, params });
    return within(answer, `the answer to ${method}`);
  }

  notify(method, params) {
    return this.post({ jsonrpc: '2.0', method, params });
  }

  /** The first diagnostics published for `path` that `accept` takes. */
  diagnostics(path, accept) {
    const find = () => this.published.find((p) => p.uri === uriOf(path) && accept(p));
    return within(new Promise((res) => {
      const check = () => (find() ? res(find()) : this.waiters.push(check));
      check();
    }), `diagnostics for ${path}`);
  }
}

function within(promise, what, ms = 20_000) {
  return Promise.race([promise, new Promise((_, rej) => setTimeout(() => rej(new Error(`no ${what} within ${ms} ms`)), ms))]);
}

const codes = (p) => p.diagnostics.map((d) => d.code);
const positionOf = (text, needle, delta = 0) => {
  const at = text.indexOf(needle) + delta;
  const before = text.slice(0, at).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
};
const assert = (ok, what) => {
  if (!ok) throw new Error(what);
};

async function browser() {
  for (const [what, path] of [['the web bundle (npm run build)', WEB_SERVER], ['chromium', CHROMIUM], ['playwright-core (scripts/e2e/provision.sh)', PLAYWRIGHT]]) {
    if (!existsSync(path)) throw new Error(`missing ${what}: ${path}`);
  }
  const http = await serve();
  onCleanup(() => new Promise((r) => http.close(r)));
  const ctx = await launchChromium(scratchDir('zerops-e2e-web-'));
  return { ctx, url: `http://127.0.0.1:${http.address().port}/` };
}

/** A fresh page with its worker started on `first`; resolves when the worker published its first diagnostics. */
async function session(ctx, url, first) {
  const page = await ctx.newPage();
  const client = new Client(page);
  await page.exposeFunction('fromServer', (msg) => client.receive(msg));
  await page.goto(url);
  await startWorker(page, first);
  const coldMs = await within(page.evaluate(() => window.firstDiagnosticsMs), 'first diagnostics');
  return { page, client, coldMs };
}

async function checks() {
  const { ctx, url } = await browser();
  stamp('chromium up, bundle served on loopback');
  const { client, coldMs } = await session(ctx, url, 'import.yaml');
  stamp(`worker started; first diagnostics after ${coldMs.toFixed(0)} ms`);

  // Diagnostics for valkey@8, and the fix.
  const text = FILES['import.yaml'];
  const diag = (await client.diagnostics('import.yaml', (p) => codes(p).includes('valkey-version'))).diagnostics.find((d) => d.code === 'valkey-version');
  const actions = await client.request('textDocument/codeAction', { textDocument: { uri: uriOf('import.yaml') }, range: diag.range, context: { diagnostics: [diag], only: ['quickfix'] } });
  const fix = actions.find((a) => /Valkey 7\.2/.test(a.title));
  assert(fix, `no fix to Valkey 7.2 among ${JSON.stringify(actions.map((a) => a.title))}`);
  const edits = fix.edit.changes[uriOf('import.yaml')];
  assert(edits?.length === 1, `the fix edits ${JSON.stringify(fix.edit)}`);
  const lines = text.split('\n');
  const { start, end } = edits[0].range;
  assert(start.line === end.line, `the fix spans lines: ${JSON.stringify(edits[0])}`);
  const fixed = lines[start.line].slice(0, start.character) + edits[0].newText + lines[start.line].slice(end.character);
  assert(fixed === '    type: valkey@7.2', `the fix makes the line ${JSON.stringify(fixed)}`);
  stamp(`valkey-version reported at ${diag.range.start.line + 1}:${diag.range.start.character + 1}; fix "${fix.title}"`);

  // A hover on a port, and completion.
  const hover = await client.request('textDocument/hover', { textDocument: { uri: uriOf('import.yaml') }, position: positionOf(text, ':6379', 2) });
  const shown = typeof hover?.contents === 'string' ? hover.contents : hover?.contents?.value ?? '';
  assert(/Port 6379/.test(shown), `the hover on 6379 shows ${JSON.stringify(shown.slice(0, 200))}`);
  stamp(`hover on 6379: "${shown.split('\n')[0]}"`);
  const completion = await client.request('textDocument/completion', { textDocument: { uri: uriOf('import.yaml') }, position: positionOf(text, 'valkey@8', 'valkey@'.length) });
  const labels = (Array.isArray(completion) ? completion : completion?.items ?? []).map((i) => i.label);
  // One spelling per type: Valkey by its variant (the legacy valkey@7.2 needs `mode`).
  assert(labels.includes('valkey:single@7.2') && labels.includes('nodejs@22') && !labels.includes('valkey@7.2'), `completion in type: offers ${JSON.stringify(labels.slice(0, 30))}`);
  stamp(`completion in type: ${labels.length} types, valkey:single@7.2 among them`);

  // The workspace index through zerops/findFiles: app/zerops.yml, never opened with the import file,
  // is checked against it (port 7000 is the HA replica port; cache is NON_HA). node_modules is skipped.
  await client.notify('textDocument/didOpen', { textDocument: { uri: uriOf('app/zerops.yml'), languageId: 'yaml', version: 1, text: FILES['app/zerops.yml'] } });
  const cross = await client.diagnostics('app/zerops.yml', (p) => codes(p).includes('valkey-replica-port'));
  stamp(`app/zerops.yml checked against import.yaml read through the client: ${codes(cross).join(', ')}`);

  // A site config read through the client: the hint arrives once the file has (a re-check).
  await client.notify('textDocument/didOpen', { textDocument: { uri: uriOf('web/zerops.yml'), languageId: 'yaml', version: 1, text: SITE_YML } });
  const site = await client.diagnostics('web/zerops.yml', (p) => codes(p).includes('site-config-not-template'));
  stamp(`web/site.conf read through the client: ${codes(site).join(', ')}`);

  assert(client.serverErrors.length === 0, `the server logged errors: ${client.serverErrors.join('\n')}`);
  await client.request('shutdown', null);
  console.log('[web] passed');
}

// ---- bench ---------------------------------------------------------------------------------------------
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The Node server from spawn to its first diagnostics for the same document, over stdio. */
function nodeColdStart() {
  return new Promise((res, rej) => {
    const started = performance.now();
    const proc = spawn(process.execPath, [NODE_SERVER, '--stdio'], { stdio: 'pipe' });
    const send = (m) => {
      const body = JSON.stringify(m);
      proc.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };
    let buf = '';
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk) => {
      buf += chunk;
      if (buf.includes('"textDocument/publishDiagnostics"')) {
        const ms = performance.now() - started;
        proc.kill('SIGKILL');
        res(ms);
      }
    });
    proc.on('error', rej);
    const dir = scratchDir('zerops-bench-web-');
    send({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { ...INIT, rootUri: `file://${dir}`, workspaceFolders: [{ uri: `file://${dir}`, name: 'w' }] } });
    send({ jsonrpc: '2.0', method: 'initialized', params: {} });
    send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: `file://${dir}/import.yaml`, languageId: 'yaml', version: 1, text: FILES['import.yaml'] } } });
  });
}

async function bench() {
  const size = (f) => {
    const raw = statSync(f).size;
    return `${(raw / 1024).toFixed(0)} KB (${(gzipSync(readFileSync(f)).length / 1024).toFixed(0)} KB gzip)`;
  };
  const { ctx, url } = await browser();
  const web = [];
  for (let i = 0; i < RUNS; i++) {
    const { page, coldMs } = await session(ctx, url, 'import.yaml');
    web.push(coldMs);
    await page.close();
  }
  const node = [];
  for (let i = 0; i < RUNS; i++) node.push(await nodeColdStart());
  const row = (a, b, c) => console.log(`${a.padEnd(52)}${b.padEnd(26)}${c}`);
  row('', 'web worker (Chromium)', 'Node process');
  row('bundle', size(WEB_SERVER), size(NODE_SERVER));
  row(`cold start to first diagnostics (median of ${RUNS})`, `${median(web).toFixed(0)} ms`, `${median(node).toFixed(0)} ms`);
  row('  min / max', `${Math.min(...web).toFixed(0)} / ${Math.max(...web).toFixed(0)} ms`, `${Math.min(...node).toFixed(0)} / ${Math.max(...node).toFixed(0)} ms`);
  console.log('(web: new Worker() to the first publishDiagnostics, bundle fetched from a loopback server, measured in the page;');
  console.log(' Node: spawn to the first publishDiagnostics over stdio; both for the same import.yaml, initialize sent at once)');
}

runMain('web', BENCH ? bench : checks, Number(process.env.ZEROPS_E2E_TIMEOUT_MS || 120_000));
