import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { codes, withServer } from './lsp-client';
import { vfsClient } from './vfs-client';

// A virtual workspace (github.dev's vscode-vfs://, on the desktop): the Node server cannot read it from
// disk, so it asks the client (zerops/findFiles, zerops/stat, zerops/readFile) as the web worker does. The
// workspace index, a site config and the git remotes all come through those requests; without a .git (as
// on github.dev) the check that needs the remotes stays silent.

const FIXTURES = resolve(__dirname, '../../test/fixtures/workspace');
const BASE = 'vscode-vfs://github/acme/shop';
const made: string[] = [];
after(() => { for (const dir of made) rmSync(dir, { recursive: true, force: true }); });

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zerops-vfs-'));
  made.push(dir);
  copyFileSync(join(FIXTURES, 'import.yaml'), join(dir, 'import.yaml'));
  mkdirSync(join(dir, 'app'));
  copyFileSync(join(FIXTURES, 'zerops.yml'), join(dir, 'app', 'zerops.yml'));
  writeFileSync(join(dir, 'app', 'site.conf'), 'server { root {{.DocumentRoot}}; }\n');
  return dir;
}

const SITE = 'zerops:\n  - setup: app\n    build:\n      base: php@8.4\n      deployFiles: ./\n    run:\n      base: php-nginx@8.4\n      siteConfigPath: site.conf\n';
const BUILDS_HERE = 'services:\n  - hostname: web\n    type: php-nginx@8.4\n    buildFromGit: https://github.com/acme/shop\n';

test('a vscode-vfs workspace on the Node server: the index, a site config and the remotes read through the client', async () => {
  const dir = folder();
  const requests: string[] = [];
  const answer = vfsClient(dir, BASE);
  await withServer(async (s) => {
    // app/zerops.yml checked against import.yaml, which is never opened: found and read through the client.
    const since = s.mark();
    const zeropsUri = `${BASE}/app/zerops.yml`;
    await s.notify('textDocument/didOpen', { textDocument: { uri: zeropsUri, languageId: 'yaml', version: 1, text: readFileSync(join(dir, 'app', 'zerops.yml'), 'utf8') } });
    const cross = await s.diagnostics(zeropsUri, since, (p) => codes(p).includes('valkey-replica-port'));
    assert.deepEqual(codes(cross).sort(), ['reference-unknown-variable', 'valkey-replica-port']);

    // A site config beside a zerops.yml: the hint comes once the client's answer arrived (a re-check).
    const siteUri = `${BASE}/app/zerops.yaml`;
    const siteSince = s.mark();
    await s.notify('textDocument/didOpen', { textDocument: { uri: siteUri, languageId: 'yaml', version: 1, text: SITE } });
    const site = await s.diagnostics(siteUri, siteSince, (p) => codes(p).includes('site-config-not-template'));
    assert.ok(site.version === 1);

    // No .git in the workspace (github.dev): a service building this repository with a setup the root
    // zerops.yml lacks is not reported, as on disk without a .git.
    const rootYml = `${BASE}/zerops.yml`;
    await s.open(`${BASE}/builds.import.yaml`, BUILDS_HERE);
    const silent = await s.open(rootYml, SITE);
    assert.ok(!codes(silent).includes('service-setup-missing'), JSON.stringify(codes(silent)));
    assert.ok(requests.includes('zerops/findFiles') && requests.includes('zerops/stat') && requests.includes('zerops/readFile'), requests.join());
  }, undefined, { folder: dir, virtual: { uri: BASE, answer: (method, params) => { requests.push(method); return answer(method, params); } } });
});

test('the same workspace with its .git/config: the remotes come through the client, and the check speaks', async () => {
  const dir = folder();
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, '.git', 'config'), '[remote "origin"]\n\turl = https://github.com/acme/shop.git\n');
  writeFileSync(join(dir, 'builds.import.yaml'), BUILDS_HERE);
  await withServer(async (s) => {
    const rootYml = `${BASE}/zerops.yml`;
    const since = s.mark();
    await s.notify('textDocument/didOpen', { textDocument: { uri: rootYml, languageId: 'yaml', version: 1, text: SITE } });
    const found = await s.diagnostics(rootYml, since, (p) => codes(p).includes('service-setup-missing'));
    assert.match(found.diagnostics.find((d) => d.code === 'service-setup-missing')!.message, /Service "web" builds this repository with setup "web"/);
  }, undefined, { folder: dir, virtual: { uri: BASE, answer: vfsClient(dir, BASE) } });
});

test('a client that answers no file request: the document is still checked, the workspace checks stay silent', async () => {
  const dir = folder();
  await withServer(async (s) => {
    // Its own finding (an unknown base version) is there; those that need other files are not.
    const p = await s.open(`${BASE}/app/zerops.yml`, SITE.replace('php@8.4', 'php@8.2'));
    await new Promise((r) => setTimeout(r, 200)); // room for a re-check, if a wrong answer caused one
    const last = s.publishedFor(`${BASE}/app/zerops.yml`).pop()!;
    assert.deepEqual(codes(p), ['base-version-unknown']);
    assert.deepEqual(codes(last), ['base-version-unknown']);
  }, undefined, { folder: dir, virtual: { uri: BASE, answer: () => Promise.reject(new Error('unknown method')) } });
});
