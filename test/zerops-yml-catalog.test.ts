import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseGoDuration } from '../server/src/catalog/duration';
import { POLICY, keyAt as keyAtOf, keyInfo, keysAt, levelAt as levelAtOf } from '../server/src/catalog/schema';
import { BASES, baseInfo, baseOs, baseValues } from '../server/src/catalog/zerops-yml';

const ZEROPS_YML_LEVELS = POLICY['zerops-yml'].levels;
const keyInfoAt = (level: string, key: string) => keyInfo('zerops-yml', level, key);
const keysAtLevel = (level: string) => keysAt('zerops-yml', level);
const levelAt = (path: readonly (string | number)[]) => levelAtOf('zerops-yml', path);
const keyAt = (path: readonly (string | number)[]) => keyAtOf('zerops-yml', path);

test('zerops.yml levels come from the schema, each key with a doc of our own', () => {
  for (const l of ['root', 'setup', 'build', 'deploy', 'deploy.readinessCheck', 'run', 'run.ports[]', 'run.healthCheck.httpGet', 'run.crontab[]', 'run.routing.redirects[]']) {
    assert.ok(ZEROPS_YML_LEVELS.includes(l), l);
  }
  for (const level of ZEROPS_YML_LEVELS) {
    for (const k of keysAtLevel(level)) assert.ok(k.doc.length > 10, `${level}.${k.key} has a doc`);
  }
  assert.deepEqual(keysAtLevel('run.ports[]').map((k) => k.key).sort(), ['description', 'httpSupport', 'port', 'protocol']);
});

test('the spec corrections are applied: probe timings are Go durations, deployFiles is reported elsewhere', () => {
  const ft = keyInfoAt('run.healthCheck', 'failureTimeout')!;
  assert.deepEqual(ft.types, ['duration']);
  assert.deepEqual(ft.duration, { min: 10, max: 3600 });
  assert.equal(ft.default, '3m0s');
  assert.deepEqual(keyInfoAt('deploy.readinessCheck', 'retryPeriod')!.types, ['duration']);
  const df = keyInfoAt('build', 'deployFiles')!;
  assert.equal(df.required, undefined);
  assert.equal(df.requiredElsewhere, true);
  assert.deepEqual([...df.types].sort(), ['array', 'string']);
  assert.equal(keyInfoAt('run.healthCheck.httpGet', 'path')!.required, true);
  assert.equal(keyInfoAt('build', 'deploy')!.deprecated, true);
  assert.deepEqual(keyInfoAt('run.ports[]', 'protocol')!.enum, ['tcp', 'udp']);
  assert.equal(keyInfoAt('run.ports[]', 'protocol')!.default, 'tcp');
  assert.equal(keyInfoAt('run', 'base')!.where, 'runtime');
  assert.equal(keyInfoAt('build', 'buildCommands')!.where, 'build');
});

test('paths resolve to levels and keys, and free maps are left alone', () => {
  assert.equal(levelAt([]), 'root');
  assert.equal(levelAt(['zerops', 0]), 'setup');
  assert.equal(levelAt(['zerops', 2, 'run', 'ports', 1]), 'run.ports[]');
  assert.equal(keyAt(['zerops', 0, 'run', 'ports', 0, 'port'])?.level, 'run.ports[]');
  assert.equal(keyAt(['zerops', 0, 'run', 'healthCheck', 'httpGet', 'path'])?.key, 'path');
  assert.equal(keyAt(['zerops', 0, 'run', 'envVariables', 'FOO']), undefined);
  assert.equal(keyAt(['zerops', 0, 'run', 'bogus']), undefined);
  assert.equal(levelAt(['zerops', 'x']), undefined);
});

test("a setup's own `setup` (a string) is not the level of the same name; every other level is still some key's child", () => {
  assert.equal(keyInfoAt('setup', 'setup')!.child, undefined);
  assert.equal(levelAt(['zerops', 0, 'setup']), undefined);
  assert.equal(levelAt(['zerops', 0, 'setup', 0]), undefined);
  assert.equal(keyAt(['zerops', 0, 'setup', 0, 'run']), undefined);
  assert.equal(levelAt(['zerops', 0, 'deploy', 'readinessCheck', 'httpGet']), 'deploy.readinessCheck.httpGet');
  const children = new Set(ZEROPS_YML_LEVELS.flatMap((l) => keysAtLevel(l).map((k) => k.child)).filter(Boolean));
  assert.deepEqual(ZEROPS_YML_LEVELS.filter((l) => l !== 'root' && !children.has(l)), []);
  for (const l of ZEROPS_YML_LEVELS) {
    for (const k of keysAtLevel(l)) if (k.child) assert.ok(k.types.includes('object') || k.items === 'object', `${l}.${k.key}`);
  }
});

test('Go durations parse the way time.ParseDuration reads them', () => {
  assert.equal(parseGoDuration('90s'), 90);
  assert.equal(parseGoDuration('1m30s'), 90);
  assert.equal(parseGoDuration('1.5h'), 5400);
  assert.equal(parseGoDuration('500ms'), 0.5);
  for (const bad of ['60', '1 m', 's', '1d', '', '10S']) assert.equal(parseGoDuration(bad), undefined, bad);
});

test('bases: both spellings, per phase, with legacy versions and OS', () => {
  assert.equal(baseInfo('nodejs@22', 'build').status, 'ok');
  assert.equal(baseInfo('alpine/nodejs@22', 'run').status, 'ok');
  assert.equal(baseInfo('nodejs@18', 'build').status, 'legacy');
  assert.equal(baseInfo('nodejs@99', 'build').status, 'unknown-version');
  assert.equal(baseInfo('node@22', 'build').status, 'unknown-tech');
  assert.equal(baseInfo('php-nginx@8.4', 'build').status, 'wrong-phase');
  assert.equal(baseInfo('php@8.4', 'run').status, 'wrong-phase');
  assert.equal(baseInfo('php@8.4', 'build').status, 'ok');
  assert.equal(baseInfo('static', 'run').status, 'ok');
  assert.equal(baseInfo('deno@2', 'run').status, 'ok');
  assert.equal(baseInfo('alpine/deno@2', 'run').status, 'os-unavailable');
  assert.equal(baseInfo('docker@26.1', 'build').status, 'wrong-phase');
  assert.equal(baseInfo('alpine@3.20', 'run').status, 'legacy');
  assert.equal(baseInfo('alpine@3.22', 'run').status, 'ok');
  assert.equal(baseInfo('php-nginx@8.4+1.22', 'run').status, 'ok');
  assert.equal(baseInfo('nodejs@latest', 'run').status, 'ok');
  assert.equal(baseOs('deno@2', 'run'), 'ubuntu');
  assert.equal(baseOs('nodejs@22', 'run'), undefined);
  assert.equal(baseOs('ubuntu/nodejs@22', 'run'), 'ubuntu');
  assert.equal(BASES.get('php-nginx')!.implicitPort80, true);
  assert.equal(BASES.get('nodejs')!.startExpected, true);
  const run = baseValues('run');
  for (const v of ['nodejs@22', 'alpine/nodejs@22', 'static', 'php-apache@8.4', 'ubuntu/deno@2']) assert.ok(run.includes(v), v);
  assert.ok(!run.includes('nodejs@18'));
  assert.ok(baseValues('run', true).includes('nodejs@18'));
});
