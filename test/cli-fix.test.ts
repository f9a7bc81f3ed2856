import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseZerops } from '../server/src/model/parse';
import { planPreferredFixes } from '../server/src/service/lsp';
import { DEFAULT_SETTINGS } from '../server/src/service/settings';
import { validate } from '../server/src/service/validate';
import { codes, json, run, tempDir, writeTree } from './cli-helpers';
import { applyEdits, corpusDir } from './helpers';

// zerops-lint --fix on copies of the real corpus: exactly the preferred fixes' ranges change, and a
// second run has nothing left to fix.

function plan(text: string, fileName: string) {
  return planPreferredFixes(validate(parseZerops(text, { fileName }), DEFAULT_SETTINGS));
}

describe('zerops-lint --fix', () => {
  test('on copies of the corpus: only the fixed ranges change, and a second run finds nothing to fix', () => {
    const dir = tempDir();
    const names = readdirSync(corpusDir()).filter((f) => /\.ya?ml$/.test(f)).sort();
    assert.equal(names.length, 62);
    const before = new Map<string, string>();
    const expected = new Map<string, string>();
    let fixesExpected = 0;
    for (const name of names) {
      copyFileSync(join(corpusDir(), name), join(dir, name));
      const text = readFileSync(join(dir, name), 'utf8');
      before.set(name, text);
      const p = plan(text, join(dir, name));
      assert.deepEqual(p.clashed, [], name);
      const after = applyEdits(text, p.edits);
      // One pass is enough for these files, so the expectation is exact.
      assert.deepEqual(plan(after, join(dir, name)).edits, [], `${name} needs a second pass`);
      expected.set(name, after);
      fixesExpected += p.applied.length;
    }
    assert.ok(fixesExpected > 0, 'the corpus has something to fix');

    const first = run(['--fix', '*.y*ml'], { cwd: dir });
    assert.notEqual(first.status, 2, first.stderr);
    const reported = first.stderr.split('\n').filter((l) => / fixed: .* \[[a-z-]+\]$/.test(l));
    assert.equal(reported.length, fixesExpected, first.stderr);
    const changed: string[] = [];
    for (const name of names) {
      const now = readFileSync(join(dir, name), 'utf8');
      assert.equal(now, expected.get(name), name);
      if (now !== before.get(name)) changed.push(name);
    }
    assert.deepEqual(changed.sort(), [...new Set(reported.map((l) => l.slice(0, l.indexOf(':'))))].sort());

    const second = run(['--fix', '-f', 'json', '*.y*ml'], { cwd: dir });
    assert.doesNotMatch(second.stderr, / fixed: /);
    for (const name of names) assert.equal(readFileSync(join(dir, name), 'utf8'), expected.get(name), name);
    const leftover = json(second.stdout).flatMap((r) => r.diagnostics.filter((d) => d.fixes.some((f) => f.preferred)).map((d) => `${r.file} ${d.code}`));
    assert.deepEqual(leftover, []);
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
