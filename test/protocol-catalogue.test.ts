import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { codes, sleep, withServer, type Session } from './lsp-client';

// The server's catalogue: the built-in one unless the client names a folder (initialization option
// `schemas`, which VS Code fills from zerops.schemas); said in the log, and a folder it cannot use is
// a warning the user sees, with the built-in catalogue still checking.

const FIXTURE = join(__dirname, '../../test/fixtures/catalogue');
const URI = 'file:///w/import.yaml';
const NEW_TYPE = 'services:\n  - hostname: db\n    type: newdb:ha@1\n';

async function logged(s: Session, what: RegExp): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const hit = s.logs.find((l) => what.test(l.message));
    if (hit) return hit.message;
    await sleep(20);
  }
  assert.fail(`no log line ${what}: ${JSON.stringify(s.logs)}`);
}

test('built in: the log names the catalogue and its date; a type only a newer catalogue has is unknown', async () => {
  await withServer(async (s) => {
    assert.match(await logged(s, /catalogue/), /^Zerops catalogue in use: built-in, Zerops' schemas of 2026-07-30/);
    const d = await s.open(URI, NEW_TYPE);
    assert.deepEqual(codes(d), ['service-type-unknown']);
    assert.match(d.diagnostics[0].message, /Zerops' catalogue of 2026-07-30/);
    assert.deepEqual(s.shown, []);
  });
});

test('schemas: a folder: used, and named in the log', async () => {
  await withServer(async (s) => {
    assert.match(await logged(s, /catalogue/), new RegExp(`^Zerops catalogue in use: ${FIXTURE.replace(/[/.]/g, '\\$&')}, Zerops' schemas of 2026-12-01`));
    assert.deepEqual(codes(await s.open(URI, NEW_TYPE)), []);
  }, { schemas: FIXTURE });
});

test('schemas: a folder it cannot use: a warning naming it, and the built-in catalogue checks', async () => {
  await withServer(async (s) => {
    await logged(s, /catalogue in use: built-in/);
    assert.equal(s.shown.length, 1);
    assert.equal(s.shown[0].type, 2);
    assert.match(s.shown[0].message, /^Zerops: the catalogue folder cannot be used: the catalogue folder \/nowhere\/catalogue cannot be read \(ENOENT\)\. The built-in catalogue stays in use\.$/);
    assert.deepEqual(codes(await s.open(URI, NEW_TYPE)), ['service-type-unknown']);
  }, { schemas: '/nowhere/catalogue' });
});

test('zerops/updateCatalogue (the editor command, after the user agreed): downloads into the folder, or says why not', async () => {
  const files: Record<string, string> = {
    '/s/import-project-yml-json-schema.json': readFileSync(join(FIXTURE, 'import-project-yml-json-schema.json'), 'utf8'),
    '/s/zerops-yml-json-schema.json': readFileSync(join(FIXTURE, 'zerops-yml-json-schema.json'), 'utf8'),
  };
  const server = createServer((req, res) => {
    const text = files[req.url ?? ''];
    if (text) res.writeHead(200, { etag: '"1"' }).end(text);
    else res.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const out = join(mkdtempSync(join(tmpdir(), 'zerops-catalogue-')), 'catalog');
  try {
    await withServer(async (s) => {
      const ok = await s.request<{ ok: boolean; status: string; changes: string[] }>('zerops/updateCatalogue', { out, base: `${base}/s/` });
      assert.equal(ok.ok, true);
      assert.equal(ok.status, 'updated');
      assert.ok(ok.changes.some((c) => /^types added: .*newdb:ha@1/.test(c)), ok.changes.join('\n'));
      assert.deepEqual(readdirSync(out).sort(), ['import-project-yml-json-schema.json', 'zerops-catalogue.json', 'zerops-yml-json-schema.json']);
      const missing = await s.request<{ ok: boolean; error: string }>('zerops/updateCatalogue', { out, base: `${base}/gone/` });
      assert.deepEqual(missing, { ok: false, error: `cannot download ${base}/gone/import-project-yml-json-schema.json: HTTP 404 Not Found` });
    });
  } finally {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
    rmSync(dirname(out), { recursive: true, force: true });
  }
});
