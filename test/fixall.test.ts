import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { preferredEdits } from '../server/src/service/lsp/diagnostics';
import { applyEdits, lint } from './helpers';

const ROOT = resolve(__dirname, '../..');

test('fix-all applies every preferred fix at once and leaves only what needs a human decision', () => {
  const before = readFileSync(join(ROOT, 'examples/mistakes.import.yaml'), 'utf8');
  const once = applyEdits(before, preferredEdits(lint(before)));
  // valkey@8 with no mode is one slip (the version); the missing mode is reported once the version is
  // 7.2, so a second fix-all writes it (issue 22: one slip, one finding).
  assert.equal(once, before.replace('type: valkey@8', 'type: valkey@7.2').replace('REDIS_URL: redis://${cache_hostname}:6379', 'REDIS_URL: ${cache_connectionString}')
    .replace('@sessions:7000', '@sessions:6379').replace('rediss://default:${cache_password}@cache:6380', 'redis://default:${cache_password}@cache:6379')
    .replace('REDIS_USER: ${cache_user}', 'REDIS_USER: default'));
  assert.ok(lint(once).some((f) => f.rule === 'valkey-mode-missing'));
  const after = applyEdits(once, preferredEdits(lint(once)));
  assert.equal(after, before
    .replace('REDIS_URL: redis://${cache_hostname}:6379', 'REDIS_URL: ${cache_connectionString}')
    .replace('type: valkey@8', 'type: valkey@7.2\n    mode: NON_HA')
    .replace('@sessions:7000', '@sessions:6379')
    .replace('rediss://default:${cache_password}@cache:6380', 'redis://default:${cache_password}@cache:6379')
    .replace('REDIS_USER: ${cache_user}', 'REDIS_USER: default'));
  // Left: the type/mode conflict, where only the author knows which one is right.
  assert.deepEqual(lint(after).map((f) => f.rule), ['valkey-mode-conflict']);
  assert.deepEqual(preferredEdits(lint(after)), []);
});

test('fixes that touch the same characters are not applied together', () => {
  const text = 'services:\n  - hostname: cache\n    type: valkey@7.2\n    mode: NON_HA\n  - hostname: api\n    type: nodejs@22\n    envSecrets:\n      R: rediss://${cache_hostname}:7001\n';
  const findings = lint(text);
  assert.ok(findings.filter((f) => f.fixes?.some((x) => x.preferred)).length >= 3);
  const edits = preferredEdits(findings);
  for (let i = 1; i < edits.length; i++) assert.ok(edits[i - 1].span.end <= edits[i].span.start);
  // Repeating fix-all converges on a clean connection.
  let t = text;
  for (let i = 0; i < 5; i++) t = applyEdits(t, preferredEdits(lint(t)));
  assert.match(t, /R: \$\{cache_connectionString\}\n$/);
  assert.deepEqual(lint(t), []);
});

test('an insertion where another edit starts clashes with it, whichever comes first', () => {
  const replaceAt5 = { rule: 'a', severity: 'error' as const, span: { start: 5, end: 10 }, message: '', fixes: [{ title: 'r', edits: [{ span: { start: 5, end: 10 }, newText: 'X' }], preferred: true }] };
  const insertAt5 = { rule: 'b', severity: 'error' as const, span: { start: 5, end: 5 }, message: '', fixes: [{ title: 'i', edits: [{ span: { start: 5, end: 5 }, newText: 'Y' }], preferred: true }] };
  assert.deepEqual(preferredEdits([replaceAt5, insertAt5]).map((e) => e.newText), ['X']);
  assert.deepEqual(preferredEdits([insertAt5, replaceAt5]).map((e) => e.newText), ['Y']);
});
