import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import { looksRandom } from '../server/src/rules/secrets';
import { assertNoSecretLeak, yaml } from './helpers';
import { PASSWORD, TOKEN } from './rules/secrets';

// secret-literal: no output that repeats a secret.


// The rule's cases are the table in test/rules/secrets.ts (run by rules.test.ts); here, the detector on
// its own, and the CLI's output.
test('looksRandom: generated values, not names, e-mails, URLs, short or word-like values', () => {
  for (const v of ['ZeropsLaravelJetstreamProd', 'admin@example.com', 'https://board.coldran.com', 'claude-sonnet-5', 'abc123', 'aaaaaaaaaaaaaaaaaaaaaaaa1', 'projectimportenv2026edition', '<paste-a-64-char-random-string>']) {
    assert.equal(looksRandom(v), false, v);
  }
  assert.equal(looksRandom(TOKEN), true);
  assert.equal(looksRandom('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b'), true);
});

describe('no output repeats a secret', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zerops-secrets-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const CLI = resolve(__dirname, '../../dist/cli.js');

  test('assertNoSecretLeak catches a whole secret and a fragment, and passes clean text', () => {
    assert.throws(() => assertNoSecretLeak(`value ${TOKEN}`, [TOKEN]), /secret leaked/);
    assert.throws(() => assertNoSecretLeak(`starts ${TOKEN.slice(3, 12)}…`, [TOKEN]), /secret leaked/);
    assertNoSecretLeak('nothing here', [TOKEN, PASSWORD]);
  });

  test('CLI text and JSON output, with every rule firing on secret-bearing values, never show them', () => {
    // TLS, a replica port and a wrong scheme on a password-bearing URL make several rules rewrite it.
    const text = yaml(
      'services:', '  - hostname: cache', '    type: valkey@7.2', '  - hostname: api', '    type: nodejs@22', '    envSecrets:',
      `      A: rediss://default:${PASSWORD}@cache:7001`,
      `      B: redis://:${PASSWORD}@cache:6380`,
      `      APP_SECRET: ${TOKEN}`,
      `      D: postgresql://app:${PASSWORD}@db.example.com/app`,
    );
    const file = join(dir, 'import.yaml');
    writeFileSync(file, text);
    for (const format of ['text', 'json']) {
      const r = spawnSync(process.execPath, [CLI, '--format', format, file], { encoding: 'utf8', timeout: 10_000 });
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stdout, /secret-literal/);
      assertNoSecretLeak(r.stdout + r.stderr, [PASSWORD, TOKEN]);
    }
  });
});
