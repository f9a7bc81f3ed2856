import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

// The injection grammar's patterns, run as JavaScript regular expressions on the lines they are for
// (Oniguruma's \A, start of the document, becomes ^ on the first line).

const grammar = JSON.parse(readFileSync(join(resolve(__dirname, '../..'), 'syntaxes/zerops.injection.tmLanguage.json'), 'utf8'));
const rx = (source: string) => new RegExp(source.replace(/\\A/g, '^'));
const repo = grammar.repository;

test('references: host, separator and variable are captured; a same-service ${VAR} has no host', () => {
  const m = rx(repo.reference.match).exec('REDIS_URL: ${cache_connectionString}');
  assert.deepEqual(m?.slice(1), ['${', 'cache', '_', 'connectionString', '}']);
  assert.deepEqual(rx(repo.reference.match).exec('${APP_KEY}')?.slice(1), ['${', undefined, undefined, 'APP_KEY', '}']);
});

test('the preprocessor directive, in both spellings', () => {
  for (const line of ['#yamlPreprocessor=on', '#zeropsPreprocessor=on', '# yamlPreprocessor = on']) assert.ok(rx(repo.directive.match).test(line), line);
  assert.ok(!rx(repo.directive.match).test('#yamlPreprocessor=off'));
});

test('<@fn(…)> expressions: the function, modifiers, string literals and escapes', () => {
  const line = 'K: <@generateRandomString(<32>)|sha256>';
  assert.equal(rx(repo.preprocessor.begin).exec(line)?.[1], 'generateRandomString');
  const inner = repo.preprocessor.patterns as { match: string }[];
  const found = (s: string) => inner.map((p) => rx(p.match).exec(s)?.[0]).filter(Boolean);
  assert.deepEqual(found('(<32>)|sha256'), ['|sha256', '<32>']);
  assert.deepEqual(found('a\\>b'), ['\\>']);
});

test('suppression comments name their rule ids', () => {
  const m = rx(repo.suppression.match).exec('# zerops-disable-next-line valkey-tls-internal, valkey-no-auth');
  assert.equal(m?.[2], 'zerops-disable-next-line');
  assert.equal(m?.[3].trim(), 'valkey-tls-internal, valkey-no-auth');
});
