import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, run } from './cli-helpers';

// The README's sample runs are the tool's output, word for word: each ```-block that starts with
// `$ zerops-lint …` is run in the repository root and compared with the lines that follow it.

test('every `$ zerops-lint …` sample in the README is what zerops-lint prints', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const samples = [...readme.matchAll(/```\n\$ zerops-lint ([^\n]*)\n([\s\S]*?)```\n/g)];
  assert.ok(samples.length >= 1, 'the README shows a run');
  for (const [, args, shown] of samples) {
    const r = run(args.split(' '), { env: { NO_COLOR: '1' } });
    assert.equal(r.stdout, shown, `zerops-lint ${args}`);
  }
});
