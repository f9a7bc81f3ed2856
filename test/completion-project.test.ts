import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import { expandSnippet } from '../server/src/catalog/snippets';
import { parseZerops } from '../server/src/model/parse';
import type { ServiceModel } from '../server/src/model/types';
import { triggerFits } from '../server/src/service/features/completion';
import { completeAt as completeIn } from './editor';
import { yaml } from './helpers';

// Completion that knows the project: bases ranked by the setup's other phase and the service using it,
// import types and keys by what the project already has, snippets with the workspace's defaults, the
// space that opens the values of `base:`, `type:` and `os:`.

function servicesOf(importText: string): ServiceModel[] {
  return parseZerops(importText, { fileName: 'zerops-import.yml' }).services;
}

/** Completion in a zerops.yml unless `fileName` says otherwise. */
const completeAt = (marked: string, fileName = 'zerops.yml', extra: readonly ServiceModel[] = [], trigger?: string) => completeIn(marked, fileName, extra, trigger);

/** A PHP project (php-nginx@8.3 `app`, Valkey `redis`, PostgreSQL `db`): the import the code-server test opens too. */
const PHP_IMPORT = servicesOf(readFileSync(resolve(__dirname, '../../test/e2e/fixtures/project/zerops-project-import.yml'), 'utf8'));

describe('base completion ranked by the setup', () => {
  test('run after a php build: php-nginx and php-apache first, the build\'s version first, then newest', () => {
    const c = completeAt(yaml('zerops:', '  - setup: web', '    build:', '      base: php@8.4', '    run:', '      base: |'));
    assert.deepEqual(c.labels.slice(0, 2), ['php-nginx@8.4', 'php-apache@8.4']);
    const family = c.labels.slice(0, c.labels.findIndex((l) => !l.startsWith('php-')));
    assert.ok(family.length > 4 && family.every((l) => /^php-(nginx|apache)@/.test(l)), family.join());
    assert.equal(c.entries[0].preselect, true);
    assert.match(c.entries[0].detail!, /fits this setup/);
    // After the family: the newest of every other technology, bun's many versions no longer first.
    const rest = c.labels.slice(family.length);
    assert.ok(rest.indexOf('nodejs@24') >= 0 && rest.indexOf('nodejs@24') < rest.indexOf('bun@1.2'), rest.slice(0, 30).join());
    assert.ok(!c.labels.includes('php@8.4'), 'the build-only php is not a run base');
  });

  test('the version of the service using the setup comes first, even with no build base', () => {
    const c = completeAt(yaml('zerops:', '  - setup: app', '    run:', '      base: |'), 'zerops.yml', PHP_IMPORT);
    assert.equal(c.labels[0], 'php-nginx@8.3');
    assert.ok(c.labels.indexOf('php-apache@8.3') < c.labels.indexOf('php-nginx@8.5'), c.labels.slice(0, 8).join());
    const build = completeAt(yaml('zerops:', '  - setup: app', '    build:', '      base: |'), 'zerops.yml', PHP_IMPORT);
    assert.equal(build.labels[0], 'php@8.3');
  });

  test('a setup no service uses and with no other base: no preference, newest version of each technology first', () => {
    const c = completeAt(yaml('zerops:', '  - setup: other', '    run:', '      base: |'), 'zerops.yml', PHP_IMPORT);
    assert.ok(c.entries.every((e) => !e.preselect && !/fits this setup/.test(e.detail ?? '')));
    const firstNode = c.labels.findIndex((l) => l.startsWith('nodejs@'));
    assert.equal(c.labels[firstNode], 'nodejs@24');
    // Each technology once before any second version.
    const head = c.labels.slice(0, c.labels.findIndex((l, i) => c.labels.slice(0, i).some((p) => p.split('@')[0] === l.split('@')[0])));
    assert.ok(head.includes('nodejs@24') && head.includes('php-nginx@8.5+1.28') && head.includes('static@1.0'), head.join());
  });

  test('os: ubuntu in the section leaves out versions offered on Alpine only', () => {
    const alpineOnly = completeAt(yaml('zerops:', '  - setup: app', '    run:', '      os: ubuntu', '      base: |'));
    assert.ok(!alpineOnly.labels.includes('docker@26.1'), 'Docker runs on Alpine only');
    assert.ok(completeAt(yaml('zerops:', '  - setup: app', '    run:', '      base: |')).labels.some((l) => l.startsWith('docker@')));
  });
});

describe('import types and keys ranked by the project', () => {
  test('types the project already uses first, at its version, then every other type\'s newest', () => {
    const c = completeAt(yaml('services:', '  - hostname: db', '    type: postgresql:single@16', '  - hostname: api', '    type: |'), 'zerops-import.yml');
    assert.deepEqual(c.labels.slice(0, 2), ['postgresql:single@16', 'postgresql:ha@16']);
    assert.equal(c.entries[0].preselect, true);
    assert.match(c.entries[0].detail!, /in this project/);
    // Services of other files of the workspace count too.
    const ws = completeAt(yaml('services:', '  - hostname: api', '    type: |'), 'zerops-import.yml', PHP_IMPORT);
    assert.equal(ws.labels[0], 'php-nginx@8.3');
    assert.ok(ws.labels.indexOf('valkey:single@7.2') < ws.labels.indexOf('nodejs@24'), ws.labels.slice(0, 12).join());
    assert.ok(ws.labels.indexOf('postgresql:single@17') < ws.labels.indexOf('postgresql:single@18'), 'the version in use before the newest');
  });

  test('keys the file\'s other services write come first within their rank', () => {
    const c = completeAt(yaml('services:', '  - hostname: a', '    type: nodejs@22', '    minContainers: 2', '  - hostname: b', '    type: nodejs@22', '    |'), 'zerops-import.yml');
    const optional = c.entries.filter((e) => e.kind === 'key' && e.sortText?.startsWith('1'));
    assert.equal(optional[0].label, 'minContainers');
    assert.equal(optional[0].detail, 'used in this file');
  });

  test('mode next to a variant type: last, marked deprecated; type: asks for its values once inserted', () => {
    const c = completeAt(yaml('services:', '  - hostname: cache', '    type: valkey:ha@7.2', '    |'), 'zerops-import.yml');
    const keys = c.entries.filter((e) => e.kind === 'key');
    assert.equal(keys[keys.length - 1].label, 'mode');
    assert.equal(keys[keys.length - 1].deprecated, true);
    const fresh = completeAt(yaml('services:', '  - hostname: cache', '    |'), 'zerops-import.yml');
    assert.equal(fresh.entries.find((e) => e.label === 'type')?.retrigger, true);
    assert.ok(!fresh.entries.find((e) => e.label === 'hostname')?.retrigger);
  });
});

describe('snippets with the workspace\'s defaults', () => {
  const expanded = (c: ReturnType<typeof completeAt>, label: string) => expandSnippet(c.entries.find((e) => e.label === label)!.insertText!);

  test('the Valkey wiring names the project\'s one Valkey (redis), not cache', () => {
    const c = completeAt(yaml('zerops:', '  - setup: app', '    run:', '      envVariables:', '        |'), 'zerops.yml', PHP_IMPORT);
    assert.match(expanded(c, 'zerops-env-valkey'), /^REDIS_URL: \$\{redis_connectionString\}\n\s+REDIS_HOST: \$\{redis_hostname\}/);
    assert.match(expanded(c, 'zerops-redis-url'), /\$\{redis_password\}@\$\{redis_hostname\}:6379/);
    // Two Valkeys: no guess, the catalogue's `cache`.
    const two = servicesOf(yaml('services:', '  - hostname: a', '    type: valkey:single@7.2', '  - hostname: b', '    type: valkey:ha@7.2'));
    const c2 = completeAt(yaml('zerops:', '  - setup: app', '    run:', '      envVariables:', '        |'), 'zerops.yml', two);
    assert.match(expanded(c2, 'zerops-env-valkey'), /\$\{cache_connectionString\}/);
    // In an import file, its own services count.
    const imp = completeAt(yaml('services:', '  - hostname: kv', '    type: valkey:single@7.2', '  - hostname: app', '    type: nodejs@22', '    envSecrets:', '      |'), 'zerops-import.yml');
    assert.match(expanded(imp, 'zerops-redis-url'), /\$\{kv_password\}/);
  });

  test('a new setup serves the service waiting for one: its hostname and runtime version', () => {
    const c = completeAt(yaml('zerops:', '  - |'), 'zerops.yml', PHP_IMPORT);
    const php = expanded(c, 'zerops-setup-php-nginx');
    assert.match(php, /^setup: app\n/);
    assert.match(php, /build:\n\s+base: php@8\.3\n/);
    assert.match(php, /run:\n\s+base: php-nginx@8\.3\n/);
    // A recipe of another technology gets a setup name not yet used (app is waiting for the PHP setup, not taken).
    assert.match(expanded(c, 'zerops-setup-nodejs'), /^setup: app\n[\s\S]*base: nodejs@22\n/);
    const taken = completeAt(yaml('zerops:', '  - setup: app', '    run:', '      base: php-nginx@8.3', '  - |'), 'zerops.yml', PHP_IMPORT);
    assert.match(expanded(taken, 'zerops-setup-php-nginx'), /^setup: app2\n[\s\S]*base: php@8\.4\n/);
  });

  test('the whole-file skeleton wires the project\'s Valkey and names the waiting Node.js service', () => {
    const node = servicesOf(yaml('services:', '  - hostname: api', '    type: nodejs@20', '  - hostname: sessions', '    type: valkey:single@7.2'));
    const c = completeAt('|', 'zerops.yml', node);
    const text = expanded(c, 'zerops-yml');
    assert.match(text, /- setup: api\n/);
    assert.equal(text.match(/base: nodejs@20/g)?.length, 2, text);
    assert.match(text, /REDIS_URL: \$\{sessions_connectionString\}/);
  });
});

describe('the space trigger', () => {
  test('answers right after base:, type: and os: only', () => {
    for (const fits of ['      base: ', '    type: ', '  - base: ', '      os: ']) assert.ok(triggerFits(fits, fits.length, ' '), fits);
    for (const not of ['      start: ', '      base:  ', '  - ', '      base: php ', '    # type: ']) assert.ok(!triggerFits(not, not.length, ' '), not);
    assert.ok(triggerFits('      start: ', 13, undefined), 'an explicit request is always answered');
    assert.ok(triggerFits('x ', 2, '{'));
  });

  test('the values come; a space elsewhere gets nothing', () => {
    assert.ok(completeAt(yaml('zerops:', '  - setup: app', '    run:', '      base: |'), 'zerops.yml', [], ' ').labels.length > 10);
    assert.deepEqual(completeAt(yaml('zerops:', '  - setup: app', '    run:', '      start: |'), 'zerops.yml', [], ' ').labels, []);
    assert.deepEqual(completeAt(yaml('zerops:', '  - |'), 'zerops.yml', [], ' ').labels, []);
    assert.ok(completeAt(yaml('services:', '  - hostname: a', '    type: |'), 'zerops-import.yml', [], ' ').labels.includes('nodejs@22'));
  });
});
