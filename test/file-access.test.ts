import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { filesUnder } from '../server/src/file-access';

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
