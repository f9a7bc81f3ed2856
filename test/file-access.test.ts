import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { filesUnder, gitRemotes } from '../server/src/file-access';

// What the checks may read around a zerops.yml: files under one root, by paths relative to the file's
// folder; nothing outside, nothing through a link, nothing large, and no exception whatever the path.

const top = mkdtempSync(join(tmpdir(), 'zerops-files-'));
after(() => rmSync(top, { recursive: true, force: true }));
const root = join(top, 'repo');
mkdirSync(join(root, 'app', 'config'), { recursive: true });
mkdirSync(join(top, 'elsewhere'));
writeFileSync(join(root, 'app', 'site.conf'), 'server {}\n');
writeFileSync(join(root, 'app', 'config', 'nginx.conf'), 'root {{.DocumentRoot}};\n');
writeFileSync(join(root, 'top.conf'), 'top\n');
writeFileSync(join(root, 'app', 'big.conf'), 'x'.repeat(2048));
writeFileSync(join(top, 'elsewhere', 'secret.conf'), 'outside\n');
symlinkSync(join(top, 'elsewhere', 'secret.conf'), join(root, 'app', 'linked.conf'));
symlinkSync(join(top, 'elsewhere'), join(root, 'app', 'linkdir'));
symlinkSync(join(root, 'app', 'site.conf'), join(root, 'app', 'inside-link.conf'));

describe('filesUnder', () => {
  const files = filesUnder(root, join(root, 'app'), 1024);

  test('reads a regular file by a path relative to the folder, ./ or not; a path to it from above the folder too', () => {
    assert.equal(files.read('site.conf'), 'server {}\n');
    assert.equal(files.read('./config/nginx.conf'), 'root {{.DocumentRoot}};\n');
    assert.equal(files.read('../top.conf'), 'top\n');
  });

  test('missing: a file or folder that is not there', () => {
    assert.equal(files.read('nope.conf'), 'missing');
    assert.equal(files.read('config/nope/x.conf'), 'missing');
    assert.equal(files.read('site.conf/x'), 'missing');
  });

  test('unknown, never read: outside the root, absolute, through a link (even one that stays inside), a folder, over the cap, odd input', () => {
    assert.equal(files.read('../../elsewhere/secret.conf'), undefined);
    assert.equal(files.read(join(top, 'elsewhere', 'secret.conf')), undefined);
    assert.equal(files.read('linked.conf'), undefined);
    assert.equal(files.read('linkdir/secret.conf'), undefined);
    assert.equal(files.read('linkdir/nope.conf'), undefined);
    assert.equal(files.read('inside-link.conf'), undefined);
    assert.equal(files.read('config'), undefined);
    assert.equal(files.read('big.conf'), undefined);
    assert.equal(files.read('..'), undefined);
    assert.equal(files.read(''), undefined);
    assert.equal(files.read('a\0b'), undefined);
  });

  test('a root that does not exist answers without throwing', () => {
    const none = filesUnder(join(top, 'gone'), join(top, 'gone'));
    assert.doesNotThrow(() => none.read('x'));
    assert.notEqual(none.read('x'), 'x');
  });
});

describe('gitRemotes: the remotes of a work tree, read from disk without a git process', () => {
  const base = mkdtempSync(join(tmpdir(), 'zerops-git-'));
  after(() => rmSync(base, { recursive: true, force: true }));
  const config = '[core]\n\tbare = false\n[remote "origin"]\n\turl = git@github.com:acme/shop.git\n[remote "up"]\n\turl = "https://github.com/up/shop"\n[branch "main"]\n\tremote = origin\n';

  test('a .git folder: every remote url in file order, nothing from other sections', () => {
    const repo = join(base, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    writeFileSync(join(repo, '.git', 'config'), config);
    assert.deepEqual(gitRemotes(repo), ['git@github.com:acme/shop.git', 'https://github.com/up/shop']);
  });

  test('a linked worktree: the .git file leads to its git dir, commondir to the shared config', () => {
    const main = join(base, 'main');
    mkdirSync(join(main, '.git', 'worktrees', 'wt'), { recursive: true });
    writeFileSync(join(main, '.git', 'config'), config);
    writeFileSync(join(main, '.git', 'worktrees', 'wt', 'commondir'), '../..\n');
    const wt = join(base, 'wt');
    mkdirSync(wt);
    writeFileSync(join(wt, '.git'), `gitdir: ${join(main, '.git', 'worktrees', 'wt')}\n`);
    assert.deepEqual(gitRemotes(wt), ['git@github.com:acme/shop.git', 'https://github.com/up/shop']);
  });

  test('no repository, a .git file without gitdir, a config over 1 MB: no remotes, no exception', () => {
    const none = join(base, 'none');
    mkdirSync(none);
    assert.deepEqual(gitRemotes(none), []);
    const odd = join(base, 'odd');
    mkdirSync(odd);
    writeFileSync(join(odd, '.git'), 'not a gitdir line\n');
    assert.deepEqual(gitRemotes(odd), []);
    const big = join(base, 'big');
    mkdirSync(join(big, '.git'), { recursive: true });
    writeFileSync(join(big, '.git', 'config'), config + '#'.repeat(1024 * 1024));
    assert.deepEqual(gitRemotes(big), []);
  });
});
