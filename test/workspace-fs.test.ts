import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, test } from 'node:test';
import { MAX_FILE_BYTES, findZeropsFiles, isZeropsFileOnDisk, readZeropsFile, uriKey } from '../server/src/workspace-fs';

// The server's file-system side: what it reads of a workspace, and what it must leave alone.

const root = mkdtempSync(join(tmpdir(), 'zerops-fs-'));
after(() => rmSync(root, { recursive: true, force: true }));

const ws = join(root, 'ws');
const outside = join(root, 'outside');
const put = (path: string, text = 'services: []\n') => {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
};
put(join(ws, 'import.yaml'));
put(join(ws, 'app', 'zerops.yml'));
put(join(ws, 'deploy', 'zerops-project-production-import.yml'));
put(join(ws, 'app', 'docker-compose.yml'), 'services:\n  web:\n    image: nginx\n');
put(join(ws, 'infra', 'stack.yml'), 'services:\n  - hostname: cache\n    type: valkey@7.2\n'); // Zerops by content
put(join(ws, 'infra', 'app.yaml'), 'zerops:\n  - setup: api\n'); // a zerops.yml by content
put(join(ws, 'infra', 'big.yaml'), `services:\n  - hostname: cache\n    type: valkey@7.2\n${'#'.repeat(2 * 1024 * 1024)}\n`); // over 2 MB: not looked into
put(join(ws, 'infra', 'notes.md'), 'services:\n  - hostname: cache\n    type: valkey@7.2\n');
put(join(ws, 'node_modules', 'pkg', 'import.yaml'));
put(join(ws, '.git', 'import.yaml'));
put(join(outside, 'import.yaml'), 'services:\n  - hostname: secret\n    type: valkey@7.2\n');
symlinkSync(outside, join(ws, 'linked-dir'));
symlinkSync(join(outside, 'import.yaml'), join(ws, 'linked.import.yaml'));

test('the scan finds Zerops files by name and by content, skipping node_modules, .git, links and YAML over 2 MB', async () => {
  const found = (await findZeropsFiles([ws])).map((p) => relative(ws, p));
  assert.deepEqual(found, ['app/zerops.yml', 'deploy/zerops-project-production-import.yml', 'import.yaml', 'infra/app.yaml', 'infra/stack.yml']);
  assert.equal(await isZeropsFileOnDisk(join(ws, 'app', 'docker-compose.yml')), false);
  assert.equal(await isZeropsFileOnDisk(join(ws, 'missing.yml')), false);
});

test('nothing outside the folders is read, not even through a link inside them', async () => {
  assert.equal(await readZeropsFile(join(ws, 'import.yaml'), [ws]), 'services: []\n');
  assert.equal(await readZeropsFile(join(outside, 'import.yaml'), [ws]), undefined);
  assert.equal(await readZeropsFile(join(ws, 'linked-dir', 'import.yaml'), [ws]), undefined);
  assert.equal(await readZeropsFile(join(ws, 'linked.import.yaml'), [ws]), undefined);
  assert.equal(await readZeropsFile(join(ws, 'missing.yml'), [ws]), undefined);
});

test('a file over the size cap is left unread', async () => {
  const big = join(ws, 'big.import.yaml');
  writeFileSync(big, `# ${'x'.repeat(MAX_FILE_BYTES)}\n`);
  assert.equal(await readZeropsFile(big, [ws]), undefined);
});

test('one key per file whatever the URI encoding', () => {
  assert.equal(uriKey('file:///w/a%20b/import.yaml'), uriKey('file:///w/a b/import.yaml'));
  assert.equal(uriKey('untitled:Untitled-1'), 'untitled:Untitled-1');
});
