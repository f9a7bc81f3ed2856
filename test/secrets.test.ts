import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { looksRandom } from '../server/src/rules/secrets';
import { assertNoSecretLeak, fixed, hits, lint, only, yaml } from './helpers';

// secret-literal: passwords in URLs and generated-looking literals in secret maps, with fixes that keep
// the file valid (the preprocessor directive comes along when needed), and no output that repeats a secret.

const RULE = 'secret-literal';
const TOKEN = 'q8Zr2LmX4vT9wKp3Nc7Yb1Hd6Fg5Js0A';
const PASSWORD = 'Tr0ub4dor-and-3';

const cache = ['services:', '  - hostname: cache', '    type: valkey:single@7.2', '  - hostname: api', '    type: nodejs@22', '    envSecrets:'];

describe('secret-literal', () => {
  test('a password in a redis URL to a service of the file: the password underlined, fix ${x_password}', () => {
    const text = yaml(...cache, `      REDIS_URL: redis://default:${PASSWORD}@cache:6379`);
    assert.deepEqual(hits(text, RULE), [PASSWORD]);
    const f = only(text, RULE);
    assert.equal(f.severity, 'warning');
    assertNoSecretLeak(f.message, [PASSWORD]);
    assert.equal(fixed(text, RULE), text.replace(PASSWORD, '${cache_password}'));
  });

  test('a password in a postgresql URL to an outside host: warned, no fix (no service to refer to)', () => {
    const text = yaml(...cache, `      DATABASE_URL: "postgresql://app:${PASSWORD}@db.example.com:5432/app"`);
    assert.deepEqual(hits(text, RULE), [PASSWORD]);
    assert.deepEqual(only(text, RULE).fixes, []);
  });

  test('references, preprocessor calls and placeholders in the password place are fine', () => {
    for (const pw of ['${cache_password}', '<@generateRandomString(<32>)>', '<password>', '***', 'xxx']) {
      assert.deepEqual(hits(yaml(...cache, `      URL: redis://default:${pw}@cache:6379`), RULE), [], pw);
    }
    assert.deepEqual(hits(yaml(...cache, '      URL: postgresql://${db_user}:${db_password}@${db_hostname}:5432/${db_dbName}'), RULE), []);
  });

  test('a generated-looking literal in envSecrets: fix generates it at import and adds the directive as line 1', () => {
    const text = yaml('# my project', ...cache, `      APP_KEY: ${TOKEN}`, '      NAME: app # keep this comment');
    assert.deepEqual(hits(text, RULE), [TOKEN]);
    const after = fixed(text, RULE);
    assert.equal(after, `#yamlPreprocessor=on\n${text.replace(TOKEN, '<@generateRandomString(<32>)>')}`);
    assert.ok(parseAllDocuments(after).every((d) => d.errors.length === 0));
    assert.ok(!lint(after).some((f) => f.rule === 'preprocessor-directive'));
  });

  test('with the directive already there the fix only replaces the value, inside its quotes', () => {
    const text = yaml('#zeropsPreprocessor=on', ...cache, `      APP_KEY: "${TOKEN}"`, `      OTHER_SECRET: '${TOKEN}x'`);
    const found = lint(text).filter((f) => f.rule === RULE);
    assert.deepEqual(found.map((f) => text.slice(f.span.start, f.span.end)), [TOKEN, `${TOKEN}x`]);
    const edits = found[0].fixes?.[0]?.edits;
    assert.deepEqual(edits?.map((e) => e.newText), ['<@generateRandomString(<32>)>']);
  });

  test('CRLF and a BOM: the directive goes after the BOM with the file\'s line break', () => {
    const text = `\uFEFF${yaml(...cache, `      APP_KEY: ${TOKEN}`).replace(/\n/g, '\r\n')}`;
    const edits = only(text, RULE).fixes?.[0]?.edits ?? [];
    assert.deepEqual(edits[0], { span: { start: 1, end: 1 }, newText: '#yamlPreprocessor=on\r\n' });
  });

  test('no automatic fix when turning the preprocessor on would change backslashes or "<" elsewhere, and the message says why', () => {
    const text = yaml(...cache, `      APP_KEY: ${TOKEN}`, '      PATTERN: "a\\\\d+"');
    const f = only(text, RULE);
    assert.deepEqual(f.fixes, []);
    assert.match(f.message, /backslashes or "<"/);
  });

  test('near misses: names, e-mails, URLs, short or word-like values, values in envVariables', () => {
    for (const v of ['ZeropsLaravelJetstreamProd', 'admin@example.com', 'https://board.coldran.com', 'claude-sonnet-5', 'abc123', 'aaaaaaaaaaaaaaaaaaaaaaaa1', 'projectimportenv2026edition', '<paste-a-64-char-random-string>']) {
      assert.equal(looksRandom(v), false, v);
      assert.deepEqual(hits(yaml(...cache, `      V: ${v}`), RULE), [], v);
    }
    const inVariables = yaml('project:', '  name: p', '  envVariables:', `    K: ${TOKEN}`, ...cache.slice(0, 3));
    assert.deepEqual(hits(inVariables, RULE), []);
    assert.equal(looksRandom(TOKEN), true);
    assert.equal(looksRandom('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b'), true);
  });

  test('dotEnvSecrets lines are read too', () => {
    const text = yaml(...cache.slice(0, 5), '    dotEnvSecrets: |', `      APP_KEY=${TOKEN}`, `      DB=postgresql://u:${PASSWORD}@x.example.com/db`);
    assert.deepEqual(hits(text, RULE), [TOKEN, PASSWORD]);
  });
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
