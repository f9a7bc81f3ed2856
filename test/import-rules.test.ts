import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { lint } from './helpers';

// The import-file rules' cases are tables in test/rules/ (run by rules.test.ts); here is what is not a
// case of one rule: a load test and whole documented files.

describe('hostname-duplicate', () => {
  test('hostname-duplicate: a name used thousands of times lists a few others each, not all (linear, no memory blow-up)', () => {
    const text = `services:\n${'  - hostname: a\n    type: go@1\n'.repeat(3000)}`;
    const found = lint(text).filter((f) => f.rule === 'hostname-duplicate');
    assert.equal(found.length, 3000);
    assert.ok(found.every((f) => f.related!.length === 5));
    assert.match(found[0].message, /used by 3000 services/);
  });
});


describe('Zerops\' own spellings', () => {
  for (const name of ['legacy.import.yaml', 'composite.import.yaml']) {
    test(`${name}: a file in the documented shape of that spelling raises nothing`, () => {
      const text = readFileSync(join(__dirname, '../../test/fixtures/examples', name), 'utf8');
      assert.deepEqual(lint(text, name).map((f) => `${f.rule}: ${text.slice(f.span.start, f.span.end)}`), []);
    });
  }
});
