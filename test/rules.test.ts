import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RULES } from '../server/src/rules/registry';
import { testRules } from './rule-tester';
import { FAMILIES } from './rules/index';

// Every rule of every family through the one tester (test/rule-tester.ts), from the tables in test/rules/.

for (const table of Object.values(FAMILIES)) testRules(table);

test('every rule of the registry has tester cases of both kinds: a file it reports and a look-alike it leaves alone', () => {
  const cases = new Map<string, { valid: number; invalid: number }>();
  for (const table of Object.values(FAMILIES)) {
    for (const [id, c] of Object.entries(table)) {
      const n = cases.get(id) ?? { valid: 0, invalid: 0 };
      cases.set(id, { valid: n.valid + (c.valid?.length ?? 0), invalid: n.invalid + (c.invalid?.length ?? 0) });
    }
  }
  const missing = RULES.map((r) => r.id).filter((id) => !cases.get(id)?.valid || !cases.get(id)?.invalid)
    .map((id) => `${id} (${cases.get(id)?.valid ? '' : 'valid'}${!cases.get(id)?.valid && !cases.get(id)?.invalid ? ', ' : ''}${cases.get(id)?.invalid ? '' : 'invalid'})`);
  assert.deepEqual(missing, [], 'add the cases to the family\'s table in test/rules/');
});
