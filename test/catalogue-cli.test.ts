import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CLI, ROOT, json, run, tempDir, writeTree } from './cli-helpers';

// zerops-lint and catalogues: --schemas, "schemas" in .zeropslintrc.json, their usage errors, and
// `zerops-lint catalog update` against a loopback server only (never Zerops' API): 200, 304 with an
// ETag, 404, 500, no answer, invalid JSON, a document of the wrong shape.

const FIXTURE = join(ROOT, 'test/fixtures/catalogue');
const IMPORT = 'import-project-yml-json-schema.json';
const ZY = 'zerops-yml-json-schema.json';
const NEW_TYPE = 'services:\n  - hostname: db\n    type: newdb:ha@1\n';

/** A folder holding a copy of the fixture catalogue (the two schemas and the download record). */
function catalogueCopy(dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(FIXTURE)) copyFileSync(join(FIXTURE, f), join(dir, f));
  return dir;
}

describe('zerops-lint --schemas and "schemas" in .zeropslintrc.json', () => {
  test('--schemas DIR: a type only the folder has passes; --version names the folder and its date', () => {
    const dir = tempDir();
    writeTree(dir, { 'import.yaml': NEW_TYPE });
    const builtIn = run(['-f', 'json', 'import.yaml'], { cwd: dir });
    assert.equal(builtIn.status, 1);
    assert.match(json(builtIn.stdout)[0].diagnostics[0].message, /^"newdb" is not a service type in Zerops' catalogue of 2026-07-30/);
    const r = run(['--schemas', FIXTURE, 'import.yaml'], { cwd: dir });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const v = run(['--version', `--schemas=${FIXTURE}`], { cwd: dir });
    assert.equal(v.status, 0);
    assert.match(v.stdout, new RegExp(`\\ncatalogue: ${FIXTURE.replace(/[/.]/g, '\\$&')}, Zerops' schemas of 2026-12-01 with the same hand corrections\\n$`));
  });

  test('plan reads the same catalogue: the folder\'s type has no finding there, and a folder it cannot read is exit 2', () => {
    const dir = tempDir();
    writeTree(dir, { 'import.yaml': NEW_TYPE });
    const builtIn = run(['plan', '-f', 'json', 'import.yaml'], { cwd: dir });
    assert.equal(builtIn.status, 1, builtIn.stderr);
    const r = run(['plan', '-f', 'json', '--schemas', FIXTURE, 'import.yaml'], { cwd: dir });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal((JSON.parse(r.stdout) as { projects: { findings: { errors: number } }[] }).projects[0].findings.errors, 0);
    const missing = run(['plan', '--schemas', join(dir, 'missing'), 'import.yaml'], { cwd: dir });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^zerops-lint: the catalogue folder \S+missing cannot be read \(ENOENT\)\n$/);
  });

  test('"schemas" in the .zeropslintrc.json of the current folder, relative to it; --schemas wins', () => {
    const dir = tempDir();
    catalogueCopy(join(dir, 'catalogue'));
    writeTree(dir, { 'infra/import.yaml': NEW_TYPE, '.zeropslintrc.json': '{"schemas": "catalogue"}' });
    assert.equal(run(['infra/import.yaml'], { cwd: dir }).status, 0);
    assert.match(run(['--version'], { cwd: dir }).stdout, /catalogue: .*\/catalogue, Zerops' schemas of 2026-12-01/);
    const wins = run(['--schemas', join(dir, 'nowhere'), 'infra/import.yaml'], { cwd: dir });
    assert.equal(wins.status, 2);
    assert.match(wins.stderr, /nowhere cannot be read/);
  });

  test('a folder that cannot be used is a usage error naming it (exit 2), and nothing is checked', () => {
    const dir = tempDir();
    writeTree(dir, { 'import.yaml': NEW_TYPE });
    const broken = (name: string, files: Record<string, string>) => {
      const d = join(dir, name);
      catalogueCopy(d);
      writeTree(d, files);
      return d;
    };
    const cases: [string[], RegExp][] = [
      [['--schemas', join(dir, 'missing')], /^zerops-lint: the catalogue folder \S+missing cannot be read \(ENOENT\)\n$/],
      [['--schemas', join(dir, 'import.yaml')], /import\.yaml is not a folder/],
      [['--schemas='], /--schemas takes a folder, not ""/],
      [['--schemas', broken('bad-json', { [IMPORT]: '{"type": ' })], new RegExp(`bad-json/${IMPORT} is not valid JSON`)],
      [['--schemas', broken('swapped', { [IMPORT]: readFileSync(join(FIXTURE, ZY), 'utf8') })], new RegExp(`swapped/${IMPORT} is not Zerops' import schema: its \\$id is \\S+zerops-yaml-json-schema.json`)],
      [['--schemas', broken('no-bases', { [ZY]: '{"properties": {"zerops": {"items": {"properties": {"setup": {}, "build": {}, "run": {}}}}}}' })], new RegExp(`no-bases/${ZY} is not Zerops' zerops.yml schema: no run.base names`)],
    ];
    for (const [args, why] of cases) {
      const r = run([...args, 'import.yaml'], { cwd: dir });
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
      assert.match(r.stderr, why);
    }
    writeTree(dir, { 'bad/.zeropslintrc.json': '{"schemas": 3}' });
    const config = run(['../import.yaml'], { cwd: join(dir, 'bad') });
    assert.equal(config.status, 2);
    assert.match(config.stderr, /"schemas" must be the path of a catalogue folder/);
  });

  test('a file named like the command is checked as ./catalog', () => {
    const dir = tempDir();
    writeTree(dir, { catalog: 'services:\n  - hostname: cache\n    type: valkey:ha@8\n' });
    const r = run(['--kind', 'import', './catalog'], { cwd: dir });
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^\.\/catalog:3:/m);
    const sub = run(['catalog'], { cwd: dir });
    assert.equal(sub.status, 2);
    assert.match(sub.stderr, /^Usage: zerops-lint catalog update/);
  });

  test('catalog usage errors', () => {
    const cases: [string[], RegExp][] = [
      [['catalog', 'upgrade'], /unknown command "upgrade" \(the one command is update\)/],
      [['catalog', 'update', '--timeout', 'soon'], /--timeout takes a number of seconds, not "soon"/],
      [['catalog', 'update', '--url', 'ftp://example.org/'], /--url takes an http\(s\) address, not "ftp:\/\/example.org\/"/],
      [['catalog', 'update', '--out'], /--out takes a value/],
      [['catalog', 'update', '--force'], /unknown option --force/],
    ];
    for (const [args, why] of cases) {
      const r = run(args);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, why);
    }
    const help = run(['catalog', '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /only network access/);
  });
});

// ---- catalog update, against a loopback server ------------------------------------------------------------

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let handler: Handler = (_req, res) => res.end();
const requests: { url: string; ifNoneMatch?: string }[] = [];
const server = createServer((req, res) => {
  requests.push({ url: req.url ?? '', ifNoneMatch: req.headers['if-none-match'] as string | undefined });
  handler(req, res);
});
let base = '';

before(async () => {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/settings/`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});

/** The CLI in a child process, so this process's server can answer it. */
function update(cwd: string, ...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [CLI, 'catalog', 'update', '--url', base, ...args], { cwd, timeout: 20_000 }, (err, stdout, stderr) => {
      done({ status: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr });
    });
  });
}

const fixture = (name: string) => readFileSync(join(FIXTURE, name), 'utf8');

/** Serves the fixture schemas with ETags, answering 304 to a matching If-None-Match. */
function serveSchemas(texts: Record<string, string> = { [IMPORT]: fixture(IMPORT), [ZY]: fixture(ZY) }, tag = 'v1'): Handler {
  return (req, res) => {
    const name = req.url?.replace('/api/settings/', '') ?? '';
    if (!(name in texts)) {
      res.writeHead(404).end('not here');
      return;
    }
    const etag = `"${tag}-${name}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', etag }).end(texts[name]);
  };
}

const snapshot = (dir: string) => existsSync(dir)
  ? Object.fromEntries(readdirSync(dir).sort().map((f) => [f, `${readFileSync(join(dir, f), 'utf8').length}:${statSync(join(dir, f)).mtimeMs}`]))
  : undefined;

describe('zerops-lint catalog update (loopback server)', () => {
  test('200: writes both schemas and the download record, says what changed; the folder then works with --schemas', async () => {
    const dir = tempDir();
    handler = serveSchemas();
    requests.length = 0;
    const r = await update(dir, '--out', 'cat');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(requests.map((q) => q.url).sort(), [`/api/settings/${IMPORT}`, `/api/settings/${ZY}`]);
    assert.deepEqual(requests.map((q) => q.ifNoneMatch), [undefined, undefined]);
    assert.deepEqual(readdirSync(join(dir, 'cat')).sort(), [IMPORT, 'zerops-catalogue.json', ZY]);
    assert.equal(readFileSync(join(dir, 'cat', IMPORT), 'utf8'), fixture(IMPORT));
    const meta = JSON.parse(readFileSync(join(dir, 'cat/zerops-catalogue.json'), 'utf8'));
    assert.deepEqual(meta.etags, { import: `"v1-${IMPORT}"`, zeropsYml: `"v1-${ZY}"` });
    assert.equal(meta.base, base);
    assert.match(r.stdout, /^Wrote Zerops' schemas into \S+\/cat\. Changes against the built-in catalogue:\n/);
    assert.match(r.stdout, /\n {2}types added: [^\n]*newdb:ha@1/);
    assert.match(r.stdout, /\n {2}types removed: [^\n]*alpine\/bun@1\.2/);
    assert.match(r.stdout, /\n {2}zerops.yml run bases added: [^\n]*ubuntu\/newlang@1/);
    assert.match(r.stdout, /only when pointed at it: zerops-lint --schemas cat/);
    writeTree(dir, { 'import.yaml': NEW_TYPE });
    assert.equal(run(['--schemas', 'cat', 'import.yaml'], { cwd: dir }).status, 0);
  });

  test('304 with the ETag: asks with If-None-Match, writes nothing, says it is current; a new version is written with what changed', async () => {
    const dir = tempDir();
    handler = serveSchemas();
    assert.equal((await update(dir, '--out', 'cat')).status, 0);
    const before = snapshot(join(dir, 'cat'));
    requests.length = 0;
    const same = await update(dir, '--out', 'cat');
    assert.equal(same.status, 0, same.stderr);
    assert.deepEqual(requests.map((q) => q.ifNoneMatch).sort(), [`"v1-${IMPORT}"`, `"v1-${ZY}"`]);
    assert.match(same.stdout, /is current: Zerops publishes the same schemas/);
    assert.deepEqual(snapshot(join(dir, 'cat')), before);

    const newer = JSON.parse(fixture(IMPORT));
    newer.properties.services.items.properties.type.enum.push('newdb:ha@2');
    newer.properties.services.items.properties.newKey = { type: 'string' };
    handler = serveSchemas({ [IMPORT]: JSON.stringify(newer), [ZY]: fixture(ZY) }, 'v2');
    const changed = await update(dir, '--out', 'cat');
    assert.equal(changed.status, 0, changed.stderr);
    assert.equal(changed.stdout.split('\n').slice(0, 3).join('\n'), `Wrote Zerops' schemas into ${join(dir, 'cat')}. Changes against what the folder held:\n  types added: newdb:ha@2\n  import keys added: service.newKey`);
  });

  test('404, 500, no answer, invalid JSON, the wrong document: exit 1, the reason, the folder as it was', async () => {
    const dir = tempDir();
    handler = serveSchemas();
    assert.equal((await update(dir, '--out', 'cat')).status, 0);
    const before = snapshot(join(dir, 'cat'));
    const failures: [Handler, RegExp, string[]?][] = [
      [serveSchemas({ [ZY]: fixture(ZY) }, 'v9'), new RegExp(`cannot download ${base}${IMPORT}: HTTP 404 Not Found\\. Nothing was written\\.\\n$`)],
      [(_q, res) => res.writeHead(500).end('boom'), /: HTTP 500 Internal Server Error\. Nothing was written\./],
      [() => undefined, /: no answer within 0\.3 s\. Nothing was written\./, ['--timeout', '0.3']],
      [serveSchemas({ [IMPORT]: '{"services": [', [ZY]: fixture(ZY) }, 'v9'), new RegExp(`${IMPORT} is not valid JSON`)],
      [serveSchemas({ [IMPORT]: fixture(ZY), [ZY]: fixture(ZY) }, 'v9'), new RegExp(`${IMPORT} is not Zerops' import schema`)],
      [serveSchemas({ [IMPORT]: fixture(IMPORT), [ZY]: '"a string"' }, 'v9'), new RegExp(`${ZY} is not Zerops' zerops.yml schema: not a JSON object`)],
    ];
    for (const [h, why, extra] of failures) {
      handler = h;
      const r = await update(dir, '--out', 'cat', ...(extra ?? []));
      assert.equal(r.status, 1, `${why}: ${r.stdout}${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, why);
      assert.deepEqual(snapshot(join(dir, 'cat')), before, String(why));
    }
    // A folder that did not exist is not created by a failed update.
    handler = (_q, res) => res.writeHead(500).end();
    assert.equal((await update(dir, '--out', 'fresh')).status, 1);
    assert.equal(existsSync(join(dir, 'fresh')), false);
  });
});

test('the only network access is the update: one fetch call in each bundle, in catalogue-update.ts', () => {
  for (const bundle of [CLI, join(ROOT, 'dist/server.js')]) {
    const text = readFileSync(bundle, 'utf8');
    assert.equal([...text.matchAll(/\bfetch\(/g)].length, 1, bundle);
    assert.ok(!/\b(https?\.request|https?\.get|net\.connect)\(/.test(text), bundle);
  }
});
