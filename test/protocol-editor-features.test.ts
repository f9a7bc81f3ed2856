import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import type { CodeLens, DocumentLink, Hover, InlayHint, Location } from 'vscode-languageserver-types';
import { codes, offsetAt, sleep, withServer, type Session } from './lsp-client';

// Inlay hints, CodeLens, document links, quiet typing and the workspace check, over stdio against the
// bundled server, as an editor asks for them.

const made: string[] = [];
after(() => { for (const dir of made) rmSync(dir, { recursive: true, force: true }); });

const IMPORT = [
  '#yamlPreprocessor=on',
  'project:',
  '  name: shop',
  '  envVariables:',
  '    REGION: eu-central',
  '    APP_SECRET: <@generateRandomString(<32>)>',
  'services:',
  '  - hostname: cache',
  '    type: valkey@7.2',
  '    mode: HA',
  '  - hostname: db',
  '    type: postgresql@16',
  '    mode: NON_HA',
  '  - hostname: api',
  '    type: nodejs@22',
  '    buildFromGit: https://github.com/example/shop',
  '    envVariables:',
  '      LOG_LEVEL: debug',
  '    envSecrets:',
  '      TOKEN: abc',
  '      REDIS_PORT: ${cache_port}',
  '      REDIS_URL: ${cache_connectionString}',
  '      REDIS_PASS: ${cache_password}',
  '      DB_HOST: ${db_hostname}',
  '      DB_PASS: ${db_password}',
  '      LEVEL: ${LOG_LEVEL}',
  '      WHERE: ${REGION}',
  '      KEY: ${APP_SECRET}',
  '      SAME: ${TOKEN}',
  '  - hostname: worker',
  '    type: nodejs@22',
  '    envSecrets:',
  '      REDIS: ${cache_hostname}',
  '',
].join('\n');

const ZEROPS = [
  'zerops:',
  '  - setup: base',
  '    build:',
  '      base: nodejs@22',
  '      buildCommands:',
  '        - npm ci',
  '      deployFiles: ./dist',
  '    run:',
  '      base: nodejs@22',
  '      start: node dist/server.js',
  '      siteConfigPath: site.conf',
  '  - setup: api',
  '    extends: base',
  '    run:',
  '      envVariables:',
  '        NODE_ENV: production',
  '  - setup: spare',
  '    run:',
  '      base: nodejs@22',
  '      start: node x.js',
  '',
].join('\n');

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'zerops-feat-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const uriIn = (dir: string, name: string) => pathToFileURL(join(dir, name)).href;
const whole = { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } };

/** The hint after the reference on the line whose key is `key`. */
function hintAfter(text: string, hints: InlayHint[], key: string): InlayHint | undefined {
  const line = text.split('\n').findIndex((l) => l.trimStart().startsWith(`${key}:`));
  return hints.find((h) => h.position.line === line);
}

async function hintsOf(s: Session, uri: string, range = whole): Promise<InlayHint[]> {
  return s.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range });
}

describe('inlay hints over stdio', () => {
  test('a reference shows its value; secrets, passwords and generated values never', async () => {
    await withServer(async (s, init) => {
      assert.equal(init.capabilities.inlayHintProvider, true);
      const uri = 'file:///w/import.yaml';
      await s.open(uri, IMPORT);
      const hints = await hintsOf(s, uri);
      const label = (key: string) => hintAfter(IMPORT, hints, key)?.label;
      assert.equal(label('REDIS_PORT'), '= 6379');
      assert.equal(label('DB_HOST'), '= db');
      assert.equal(label('REDIS_URL'), '= redis://default:••••@cache.zerops:6379');
      assert.equal(label('REDIS_PASS'), '= secret');
      assert.equal(label('DB_PASS'), '= secret');
      assert.equal(label('LEVEL'), '= debug', 'a variable of the same service');
      assert.equal(label('WHERE'), '= eu-central', 'a project variable');
      assert.equal(label('KEY'), '= secret', 'a generated project value');
      assert.equal(label('SAME'), '= secret', 'an envSecrets value of the same service');
      assert.equal(label('REDIS'), '= cache');
      // Sits right after the closing brace.
      const portHint = hintAfter(IMPORT, hints, 'REDIS_PORT')!;
      assert.equal(IMPORT.slice(0, offsetAt(IMPORT, portHint.position)).endsWith('${cache_port}'), true);
      // No secret's text appears anywhere in any hint.
      assert.ok(!JSON.stringify(hints).includes('abc'), JSON.stringify(hints));
    });
  });

  test('only the asked range is answered', async () => {
    await withServer(async (s) => {
      const uri = 'file:///w/import.yaml';
      await s.open(uri, IMPORT);
      const line = IMPORT.split('\n').findIndex((l) => l.includes('DB_HOST'));
      const hints = await hintsOf(s, uri, { start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
      assert.deepEqual(hints.map((h) => h.label), ['= db']);
    });
  });

  test('an extending setup shows what it inherits and from which setup', async () => {
    await withServer(async (s) => {
      const uri = 'file:///w/zerops.yml';
      await s.open(uri, ZEROPS);
      const hints = await hintsOf(s, uri);
      const h = hintAfter(ZEROPS, hints, 'extends');
      assert.equal(h?.label, 'inherits build, run.base, run.start, run.siteConfigPath');
      assert.match(String(h?.tooltip), /from "base"/);
    });
  });

  test('zerops.inlayHints.enabled: false turns them off', async () => {
    await withServer(async (s) => {
      const uri = 'file:///w/import.yaml';
      await s.open(uri, IMPORT);
      assert.deepEqual(await hintsOf(s, uri), []);
    }, { settings: { inlayHints: { enabled: false } } });
  });
});

describe('CodeLens over stdio', () => {
  test('above each import service: its type as Zerops reads it, nodes, ports, and who uses it', async () => {
    await withServer(async (s, init) => {
      assert.ok(init.capabilities.codeLensProvider);
      const uri = 'file:///w/import.yaml';
      await s.open(uri, IMPORT);
      const lenses = await s.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
      const lines = IMPORT.split('\n');
      const at = (host: string) => lenses.filter((l) => lines[l.range.start.line].includes(`hostname: ${host}`)).map((l) => l.command!.title);
      assert.deepEqual(at('cache'), ['valkey:ha@7.2 · HA: three nodes · ports 6379, 6380, 7000, 7001', 'used by api, worker']);
      assert.deepEqual(at('db'), ['postgresql:single@16 · single node · ports 5432, 6432', 'used by api']);
      assert.deepEqual(at('worker'), ['nodejs@22', 'not referenced']);
      const used = lenses.find((l) => l.command?.title === 'used by api, worker')!;
      assert.equal(used.command!.command, 'editor.action.showReferences');
      const [target, position, locations] = used.command!.arguments as [string, unknown, Location[]];
      assert.equal(target, uri);
      assert.deepEqual(position, used.range.start);
      assert.equal(locations.length, 4, 'cache_port, cache_connectionString, cache_password, cache_hostname');
      // Plain lenses carry no command to run.
      assert.equal(lenses.find((l) => l.command?.title === 'nodejs@22')!.command!.command, '');
    });
  });

  test('above each setup: the services that build with it (from the nearest import files), or none, and what it extends', async () => {
    // Another project's import at the workspace root also has an `api` and a `base`: not this zerops.yml's.
    const other = 'services:\n  - hostname: api\n    type: nodejs@22\n  - hostname: base\n    type: nodejs@22\n';
    const dir = folder({ 'app/zerops-project-import.yml': IMPORT, 'app/zerops.yml': ZEROPS, 'import.yaml': other });
    await withServer(async (s) => {
      const uri = uriIn(dir, 'app/zerops.yml');
      await s.open(uri, ZEROPS);
      // The workspace is read in the background: ask until the import file is known.
      let titles: string[] = [];
      for (let i = 0; i < 50; i++) {
        const lenses = await s.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
        titles = lenses.map((l) => `${l.range.start.line}:${l.command!.title}`);
        if (titles.some((t) => t.includes('used by'))) break;
        await sleep(50);
      }
      assert.deepEqual(titles, [
        '1:no service uses it directly',
        '1:extended by api',
        '11:used by api (zerops-project-import.yml)',
        '11:extends base',
        '16:no service uses this setup',
      ]);
    }, undefined, { folder: dir });
  });

  test('a change on disk to an import file asks the client to refresh lenses and hints, when it can', async () => {
    const dir = folder({ 'import.yaml': IMPORT, 'zerops.yml': ZEROPS });
    await withServer(async (s) => {
      await s.open(uriIn(dir, 'zerops.yml'), ZEROPS);
      for (let i = 0; i < 100 && s.refreshes.length === 0; i++) await sleep(50);
      s.refreshes.length = 0;
      // A new service in the import file: who builds with the setups may have changed.
      writeFileSync(join(dir, 'import.yaml'), `${IMPORT}  - hostname: spare\n    type: nodejs@22\n`);
      await s.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriIn(dir, 'import.yaml'), type: 2 }] });
      for (let i = 0; i < 100 && s.refreshes.length < 2; i++) await sleep(50);
      assert.deepEqual([...s.refreshes].sort(), ['workspace/codeLens/refresh', 'workspace/inlayHint/refresh']);
    }, undefined, { folder: dir, workspaceCapabilities: { codeLens: { refreshSupport: true }, inlayHint: { refreshSupport: true } } });
  });

  test('zerops.codeLens.enabled: false turns them off', async () => {
    await withServer(async (s) => {
      const uri = 'file:///w/import.yaml';
      await s.open(uri, IMPORT);
      assert.deepEqual(await s.request('textDocument/codeLens', { textDocument: { uri } }), []);
    }, { settings: { codeLens: { enabled: false } } });
  });
});

describe('document links over stdio', () => {
  test('buildFromGit, keys to their documentation, and paths that exist beside the zerops.yml', async () => {
    const dir = folder({ 'zerops.yml': ZEROPS, 'site.conf': 'server {}\n' });
    await withServer(async (s) => {
      const imp = 'file:///w/import.yaml';
      await s.open(imp, IMPORT);
      const links = await s.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: imp } });
      assert.ok(links.some((l) => l.target === 'https://github.com/example/shop'));
      const typeKey = links.find((l) => l.range.start.line === 8 && l.range.start.character === 4);
      assert.equal(typeKey?.target, 'https://docs.zerops.io/references/import');

      const zy = uriIn(dir, 'zerops.yml');
      await s.open(zy, ZEROPS);
      const zl = await s.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: zy } });
      const targets = zl.map((l) => l.target);
      assert.ok(targets.includes(uriIn(dir, 'site.conf')), JSON.stringify(targets));
      assert.ok(!targets.includes(uriIn(dir, 'dist')), 'a path that does not exist is no link');
      assert.ok(targets.includes('https://docs.zerops.io/zerops-yaml/specification#siteconfigpath-'));
      assert.ok(targets.includes('https://docs.zerops.io/zerops-yaml/specification#extends-'));
    }, undefined, { folder: dir });
  });
});

describe('quiet while typing over stdio', () => {
  test('an empty zerops.yml is information in the editor, not an error', async () => {
    await withServer(async (s) => {
      const p = await s.open('file:///w/zerops.yml', '');
      assert.deepEqual(p.diagnostics.map((d) => [d.code, d.severity]), [['file-empty', 3]]);
      assert.match(p.diagnostics[0].message, /Start it with "zerops:"/);
    });
  });

  test('a reference being typed is held back, then reported after a quiet period', async () => {
    await withServer(async (s) => {
      const uri = 'file:///w/import.yaml';
      const base = 'services:\n  - hostname: redis\n    type: valkey@7.2\n    mode: NON_HA\n  - hostname: api\n    type: nodejs@22\n    envSecrets:\n      A: ';
      await s.open(uri, `${base}x\n`);
      let since = s.mark();
      const typed = Date.now();
      await s.change(uri, 2, `${base}\${redis_ho}\n`);
      const first = await s.diagnostics(uri, since, (p) => p.version === 2);
      assert.deepEqual(codes(first), [], 'not reported while it is typed');
      const later = await s.diagnostics(uri, since, (p) => p.version === 2 && p.diagnostics.length > 0);
      assert.deepEqual(codes(later), ['reference-unknown-variable']);
      assert.ok(Date.now() - typed >= 900, 'after the quiet period');
      // A finding elsewhere in the file is not held: the same reference, with the edit on another line.
      since = s.mark();
      await s.change(uri, 3, `${base}\${redis_ho}\n      B: y\n`);
      const other = await s.diagnostics(uri, since, (p) => p.version === 3);
      assert.deepEqual(codes(other), ['reference-unknown-variable']);
    });
  });
});

describe('zerops/checkWorkspace over stdio', () => {
  test('publishes the findings of files that are not open', async () => {
    const dir = folder({ 'import.yaml': 'services:\n  - hostname: cache\n    type: valkey@8\n', 'app/zerops.yml': ZEROPS });
    await withServer(async (s) => {
      const since = s.mark();
      const r = await s.request<{ files: number; problems: number }>('zerops/checkWorkspace', null);
      assert.equal(r.files, 2);
      const imp = await s.diagnostics(uriIn(dir, 'import.yaml'), since);
      assert.ok(codes(imp).includes('valkey-version'), JSON.stringify(codes(imp)));
      assert.ok(r.problems >= 1);
    }, undefined, { folder: dir });
  });
});

describe('hover with a diagnostic', () => {
  test('the hover does not repeat the diagnostic shown beside it', async () => {
    await withServer(async (s) => {
      const uri = 'file:///w/import.yaml';
      const text = 'services:\n  - hostname: cache\n    type: valkey@8\n    mode: NON_HA\n';
      await s.open(uri, text);
      const h = await s.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 12 } });
      const md = (h.contents as { value: string }).value;
      assert.match(md, /is not offered/);
      assert.ok(!md.includes('⚠'), md);
    });
    await withServer(async (s) => {
      const uri = 'file:///w/import.yaml';
      await s.open(uri, 'services:\n  - hostname: cache\n    type: valkey@8\n    mode: NON_HA\n');
      const h = await s.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 12 } });
      assert.match((h.contents as { value: string }).value, /⚠ Zerops offers Valkey 7.2 only/, 'with the rule off, the hover keeps its warning');
    }, { settings: { rules: { 'valkey-version': 'off' } } });
  });
});
