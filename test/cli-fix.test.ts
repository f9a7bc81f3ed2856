import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { codes, fixRoundTrip, json, plan, run, tempDir, writeTree } from './cli-helpers';
import { SAMPLES } from './helpers';

// zerops-lint --fix on copies of the samples (and of the real corpus in test/real): exactly the preferred fixes' ranges change, and a
// second run has nothing left to fix.

describe('zerops-lint --fix', () => {
  test('on copies of the samples: only the fixed ranges change, and a second run finds nothing to fix', () => {
    assert.ok(fixRoundTrip(SAMPLES) >= 8, 'the samples have that much to fix');
  });

  const clash = [
    'services:',
    '  - hostname: cache',
    '    type: valkey@7.2',
    '    mode: NON_HA',
    '  - hostname: api',
    '    type: nodejs@22',
    '    envSecrets:',
    '      URL: ${cache_connectionTlsStringReplicas}',
    '',
  ].join('\n');

  test('a file whose fixes overlap is not touched, and says so', () => {
    const dir = tempDir();
    writeTree(dir, { 'import.yaml': clash });
    assert.ok(plan(clash, 'import.yaml').clashed.length > 0, 'the case must really clash');
    const r = run(['--fix', '-f', 'json', 'import.yaml'], { cwd: dir });
    assert.equal(readFileSync(join(dir, 'import.yaml'), 'utf8'), clash);
    assert.match(r.stderr, /^import\.yaml:8:12 not fixed: the fix for valkey-[a-z-]+ overlaps another one( \(and \d+ more\))?, so the file was left as it was; apply them one at a time in an editor\n$/);
    assert.equal(r.status, 1);
    assert.ok(json(r.stdout)[0].diagnostics.length > 0);
  });

  test('a rule turned off is not fixed; what --fix cannot fix is reported after fixing', () => {
    const dir = tempDir();
    const text = 'services:\n  - hostname: cache\n    type: valkey@8\n    mode: ha\n';
    writeTree(dir, { 'import.yaml': text });
    const r = run(['--fix', '-f', 'json', '--rule', 'valkey-mode=off', 'import.yaml'], { cwd: dir });
    assert.equal(readFileSync(join(dir, 'import.yaml'), 'utf8'), 'services:\n  - hostname: cache\n    type: valkey@7.2\n    mode: ha\n');
    assert.equal(r.stderr, 'import.yaml:3:18 fixed: Use Valkey 7.2 [valkey-version]\n');
    assert.equal(r.status, 0);
    assert.deepEqual(codes(json(r.stdout)), { 'import.yaml': [] });
  });


  test('a file that cannot be written: exit 2, and the report is about what is on disk', (t) => {
    const dir = tempDir();
    const text = 'services:\n  - hostname: cache\n    type: valkey@8\n    mode: HA\n';
    writeTree(dir, { 'import.yaml': text });
    const file = join(dir, 'import.yaml');
    // An immutable file refuses writes even to root; chattr needs a file system that supports it.
    if (spawnSync('chattr', ['+i', file]).status !== 0) {
      t.skip('chattr +i is not available here');
      return;
    }
    try {
      const r = run(['--fix', '-f', 'json', 'import.yaml'], { cwd: dir });
      assert.equal(r.status, 2);
      assert.equal(r.stderr, 'zerops-lint: cannot write import.yaml: EPERM\n');
      assert.deepEqual(codes(json(r.stdout)), { 'import.yaml': ['valkey-version'] });
      assert.equal(readFileSync(file, 'utf8'), text);
    } finally {
      spawnSync('chattr', ['-i', file]);
    }
  });
});
