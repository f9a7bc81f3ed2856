import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import { clientHost } from '../server/src/host/client-host';
import { hostByScheme } from '../server/src/host/host';
import { nodeHost } from '../server/src/host/node-host';
import { vfsClient } from './vfs-client';

// The two hosts of the server agree: the same folder, read from disk (the Node process) and through the
// client's file system as a virtual workspace (the web worker), gives the same Zerops files, the same
// texts, the same refusals (outside, links, size), the same files for the checks and the same git remotes.

const top = mkdtempSync(join(tmpdir(), 'zerops-hosts-'));
after(() => rmSync(top, { recursive: true, force: true }));
const ws = join(top, 'ws');
const outside = join(top, 'outside');
const put = (path: string, text = 'services: []\n') => {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
};
const valkey = 'services:\n  - hostname: cache\n    type: valkey@7.2\n';
put(join(ws, 'import.yaml'));
put(join(ws, 'app', 'zerops.yml'), 'zerops:\n  - setup: app\n');
put(join(ws, 'app', 'docker-compose.yml'), 'services:\n  web:\n    image: nginx\n');
put(join(ws, 'infra', 'stack.yml'), valkey);
put(join(ws, 'infra', 'big.yaml'), `${valkey}${'#'.repeat(2 * 1024 * 1024)}\n`);
put(join(ws, 'huge.import.yaml'), `# ${'x'.repeat(1024 * 1024)}\n`);
put(join(ws, 'node_modules', 'pkg', 'import.yaml'));
put(join(ws, '.git', 'config'), '[remote "origin"]\n\turl = git@github.com:acme/shop.git\n');
put(join(ws, 'app', 'site.conf'), 'server { root {{.DocumentRoot}}; }\n');
put(join(ws, 'app', 'big.conf'), 'x'.repeat(300 * 1024));
put(join(outside, 'import.yaml'), valkey);
symlinkSync(outside, join(ws, 'linked-dir'));
symlinkSync(join(outside, 'import.yaml'), join(ws, 'linked.import.yaml'));
symlinkSync(join(ws, 'app', 'site.conf'), join(ws, 'app', 'inside-link.conf'));
// A linked worktree whose .git file points to the main work tree's git folder by a relative path.
put(join(top, 'main', '.git', 'config'), '[remote "origin"]\n\turl = https://github.com/acme/main\n');
put(join(top, 'main', '.git', 'worktrees', 'wt', 'commondir'), '../..\n');
put(join(top, 'wt', '.git'), 'gitdir: ../main/.git/worktrees/wt\n');

const BASE = 'vscode-vfs://test/top';
const disk = nodeHost();
const folderOnDisk = pathToFileURL(ws).href;
let arrivals = 0;
const web = clientHost(vfsClient(top, BASE) as never);
web.onFilesArrived!(() => arrivals++);
const folderOnWeb = `${BASE}/ws`;
/** A file's place below the workspace folder, whichever host named it. */
const rel = (uri: string) => decodeURIComponent(uri.replace(folderOnDisk, '').replace(folderOnWeb, ''));
const settle = async () => {
  for (let i = 0; i < 100; i++) await new Promise((r) => setImmediate(r));
};

describe('the disk host and the client host agree', () => {
  test('the Zerops files of a folder: by name and content; not node_modules, .git, links, a YAML file over 2 MB', async () => {
    const onDisk = (await disk.findZeropsFiles([folderOnDisk])).map(rel);
    assert.deepEqual(onDisk, ['/app/zerops.yml', '/huge.import.yaml', '/import.yaml', '/infra/stack.yml']);
    assert.deepEqual((await web.findZeropsFiles([folderOnWeb])).map(rel), onDisk);
  });

  test('the text of a file: inside the folders only, not through a link, not over 1 MB', async () => {
    for (const path of ['import.yaml', 'app/zerops.yml', 'linked.import.yaml', 'linked-dir/import.yaml', 'huge.import.yaml', 'missing.yml', '../outside/import.yaml']) {
      const d = await disk.readZeropsFile(new URL(path, `${folderOnDisk}/`).href, [folderOnDisk]);
      const w = await web.readZeropsFile(`${folderOnWeb}/${path}`, [folderOnWeb]);
      assert.equal(w, d, path);
    }
    assert.equal(await web.readZeropsFile(`${folderOnWeb}/import.yaml`, [folderOnWeb]), 'services: []\n');
  });

  test('the files a check reads beside a zerops.yml: the same answers, the client\'s once they arrived', async () => {
    const d = disk.filesAround(`${folderOnDisk}/app/zerops.yml`, [folderOnDisk])!;
    const w = web.filesAround(`${folderOnWeb}/app/zerops.yml`, [folderOnWeb])!;
    const paths = ['site.conf', './site.conf', '../import.yaml', 'nope.conf', 'nope/x.conf', 'inside-link.conf', '../linked-dir/import.yaml', 'big.conf', '.', '../../outside/import.yaml', '/etc/passwd', '', 'a\0b'];
    const before = arrivals;
    // The first read cannot wait for the client: unknown, as when a check may not read.
    assert.equal(w.read('site.conf'), undefined);
    for (const p of paths) w.read(p);
    await settle();
    assert.equal(arrivals, before + 1, 'the answers that arrived are announced once, for a re-check');
    for (const p of paths) assert.equal(w.read(p), d.read(p), p);
    assert.equal(w.read('site.conf'), 'server { root {{.DocumentRoot}}; }\n');
    assert.equal(w.read('nope.conf'), 'missing');
    await settle();
    assert.equal(arrivals, before + 1, 'nothing new: no re-check');
  });

  test('a file outside every folder has no files around it', () => {
    assert.equal(web.filesAround(`${BASE}/outside/import.yaml`, [folderOnWeb]), undefined);
    assert.equal(disk.filesAround(pathToFileURL(join(outside, 'import.yaml')).href, [folderOnDisk]), undefined);
  });

  test('git remotes: a .git folder, a linked worktree by a relative gitdir, and none (github.dev has no .git)', async () => {
    assert.deepEqual(await web.gitRemotes(folderOnWeb), ['git@github.com:acme/shop.git']);
    assert.deepEqual(await web.gitRemotes(folderOnWeb), await disk.gitRemotes(folderOnDisk));
    assert.deepEqual(await web.gitRemotes(`${BASE}/wt`), ['https://github.com/acme/main']);
    assert.deepEqual(await web.gitRemotes(`${BASE}/wt`), await disk.gitRemotes(pathToFileURL(join(top, 'wt')).href));
    assert.deepEqual(await web.gitRemotes(`${BASE}/outside`), []);
  });

  test('a client that fails every request: nothing found, nothing read, no remotes, no exception', async () => {
    const broken = clientHost(() => Promise.reject(new Error('MethodNotFound')));
    assert.deepEqual(await broken.findZeropsFiles([folderOnWeb]), []);
    assert.equal(await broken.readZeropsFile(`${folderOnWeb}/import.yaml`, [folderOnWeb]), undefined);
    assert.deepEqual(await broken.gitRemotes(folderOnWeb), []);
    const files = broken.filesAround(`${folderOnWeb}/app/zerops.yml`, [folderOnWeb])!;
    assert.equal(files.read('site.conf'), undefined);
    await settle();
    assert.equal(files.read('site.conf'), undefined);
  });
});

describe('one host per scheme', () => {
  const both = hostByScheme(disk, web);
  test('file URIs go to the disk, others to the client; keys keep their spelling per host', async () => {
    assert.equal(both.keyOf('file:///w/a%20b/x.yml'), disk.keyOf('file:///w/a b/x.yml'));
    assert.equal(both.keyOf('vscode-vfs://github/o/r/a%20b.yml'), 'vscode-vfs://github/o/r/a%20b.yml');
    assert.equal(both.parentOf(`${folderOnWeb}/app/zerops.yml`), `${folderOnWeb}/app`);
    assert.ok(both.isInside(`${folderOnWeb}/app/zerops.yml`, [folderOnDisk, folderOnWeb]));
    assert.ok(!both.isInside(`${folderOnWeb}/app/zerops.yml`, [folderOnDisk]));
    assert.ok(!both.isInside(`${BASE}/wsx/import.yaml`, [folderOnWeb]), 'a sibling folder sharing a prefix is not inside');
    const found = await both.findZeropsFiles([folderOnDisk, folderOnWeb]);
    assert.equal(found.filter((f) => f.startsWith('file:')).length, 4);
    assert.equal(found.filter((f) => f.startsWith('vscode-vfs:')).length, 4);
  });
});
