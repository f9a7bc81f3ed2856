import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Project } from '../server/src/service/project';
import { DEFAULT_SETTINGS } from '../server/src/service/settings';
import { yaml } from './helpers';

// The project object drives everything a front end needs, in one process, without a connection.

const IMPORT = 'file:///w/import.yaml';
const ZEROPS = 'file:///w/zerops.yml';
const IMPORT_TEXT = yaml(
  'services:',
  '  - hostname: cache',
  '    type: valkey@8',
  '    mode: NON_HA',
  '  - hostname: db',
  '    type: postgresql@16',
  '  - hostname: app',
  '    type: nodejs@22',
  '    envSecrets:',
  '      REDIS_URL: redis://default:${cache_password}@cache:6379',
  '      DATABASE_URL: postgresql://${db_user}:${db_password}@db:5432/app',
);
const ZEROPS_TEXT = yaml(
  'zerops:',
  '  - setup: app',
  '    run:',
  '      base: nodejs@22',
  '      start: node server.js',
  '      envVariables:',
  '        DB_HOST: ${db_hostname}',
);
const rules = (p: Project, uri: string) => p.diagnostics(uri, DEFAULT_SETTINGS).map((f) => f.rule);

describe('project', () => {
  test('open, edit, hover, rename and fix-all, with no process', () => {
    const changed: (string | undefined)[] = [];
    const p = new Project({ onServicesChanged: (k) => changed.push(k) });
    p.open(IMPORT, IMPORT_TEXT, 1);
    p.open(ZEROPS, ZEROPS_TEXT, 1);

    // Open: the wrong Valkey version is found, and offers its preferred fix.
    assert.deepEqual(rules(p, IMPORT), ['valkey-version']);
    assert.deepEqual(rules(p, ZEROPS), []);
    assert.ok(changed.includes(IMPORT), 'indexing the import file told the other documents');

    // Hover in offsets: PostgreSQL's port from the port table, through the project.
    const at5432 = IMPORT_TEXT.indexOf('5432') + 1;
    const h = p.hover(IMPORT, at5432);
    assert.ok(h?.markdown.startsWith('**Port 5432** of `db` (PostgreSQL, single node)'), h?.markdown);

    // Edit: a version is a new analysis, and the zerops.yml sees the import's services change.
    const generation = p.generation;
    p.change(IMPORT, IMPORT_TEXT.replace('hostname: db', 'hostname: pg'), 2);
    assert.deepEqual(rules(p, IMPORT), ['valkey-version', 'reference-unknown-service', 'reference-unknown-service']);
    assert.ok(p.generation > generation, 'the services changed');
    assert.deepEqual(rules(p, ZEROPS), ['reference-unknown-service']);
    p.change(IMPORT, IMPORT_TEXT, 3);
    assert.deepEqual(rules(p, ZEROPS), []);

    // Rename the database across both files.
    const r = p.rename(IMPORT, IMPORT_TEXT.indexOf('hostname: db') + 10, 'pg');
    assert.ok('ok' in r, JSON.stringify(r));
    assert.deepEqual(Object.keys(r.ok.changes ?? {}).sort(), [IMPORT, ZEROPS]);
    assert.equal(r.ok.changes![ZEROPS].length, 1);
    assert.equal(r.ok.changes![IMPORT].length, 4, 'the hostname, ${db_user}, ${db_password} and the URL host');

    // Fix-all: the preferred fix applied, the file clean afterwards, the text the project's.
    const fixed = p.fixAll(IMPORT, DEFAULT_SETTINGS);
    assert.deepEqual(fixed.applied.map((a) => a.finding.rule), ['valkey-version']);
    assert.ok(fixed.text.includes('type: valkey@7.2'));
    assert.equal(p.text(IMPORT), fixed.text);
    assert.deepEqual(rules(p, IMPORT), []);
  });

  test('close forgets the buffer; a disk file stands in for it', () => {
    const p = new Project();
    p.setDiskFile('file:///w/other.yaml', yaml('services:', '  - hostname: app', '    type: nodejs@22'));
    p.open(IMPORT, IMPORT_TEXT);
    p.open(ZEROPS, ZEROPS_TEXT);
    assert.deepEqual(rules(p, ZEROPS), []);
    p.close(IMPORT);
    p.setDiskFile(IMPORT, undefined);
    assert.deepEqual(rules(p, ZEROPS), ['reference-unknown-service']);
    assert.ok(p.setDiskFile(IMPORT, IMPORT_TEXT));
    assert.deepEqual(rules(p, ZEROPS), []);
    assert.equal(p.hover(IMPORT, 0), null, 'a closed document gets no answers');
  });
});
