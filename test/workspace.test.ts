import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { parseZerops } from '../server/src/model/parse';
import type { RuleFinding } from '../server/src/rules/rule';
import { indexWorkspace, type WorkspaceIndex } from '../server/src/service/workspace';
import { zeropsYmlSweep } from './features';
import { SAMPLES, applyEdits, lint, yaml, yamlFiles } from './helpers';

// zerops.yml as a second document kind, checked against the services the workspace's import files define.

const FIXTURES = resolve(__dirname, '../../test/fixtures/workspace');
const IMPORT_TEXT = readFileSync(join(FIXTURES, 'import.yaml'), 'utf8');
const ZEROPS_TEXT = readFileSync(join(FIXTURES, 'zerops.yml'), 'utf8');

function workspaceOf(importText = IMPORT_TEXT): WorkspaceIndex {
  return indexWorkspace([{ fileName: 'import.yaml', text: importText }, { fileName: 'zerops.yml', text: ZEROPS_TEXT }]);
}

function lintIn(index: WorkspaceIndex | undefined, text: string, fileName = 'zerops.yml'): RuleFinding[] {
  return lint(text, fileName, { external: index?.servicesFor(fileName) });
}

/** `rule: text under the span`, in file order. */
function shown(findings: RuleFinding[], text: string): string[] {
  return findings.map((f) => `${f.rule}: ${text.slice(f.span.start, f.span.end)}`);
}

describe('zerops.yml model', () => {
  test('setups, their names and both env maps, with key and value ranges', () => {
    const m = parseZerops(ZEROPS_TEXT, { fileName: 'zerops.yml' });
    assert.equal(m.kind, 'zerops-yml');
    assert.equal(m.setups.length, 1);
    const s = m.setups[0];
    assert.equal(ZEROPS_TEXT.slice(s.name!.span.start, s.name!.span.end), 'app');
    assert.deepEqual(s.envMaps.map((e) => e.kind), ['build.envVariables', 'run.envVariables']);
    assert.ok(s.envMaps.every((e) => e.setup === s && e.service === undefined));
    const run = s.envMaps[1];
    assert.deepEqual(run.entries.map((e) => ZEROPS_TEXT.slice(e.keySpan.start, e.keySpan.end)), ['REDIS_URL', 'REDIS_READ_HOST', 'REDIS_READ_PORT', 'REDIS_USER']);
    assert.equal(ZEROPS_TEXT.slice(run.entries[2].valueSpan.start, run.entries[2].valueSpan.end), '"7000"');
    assert.deepEqual(m.references.map((r) => `${r.host}.${r.variable}`), ['cache.password', 'cache.connectionString', 'cache.hostname', 'cache.user']);
    assert.deepEqual(m.urls.map((u) => ZEROPS_TEXT.slice(u.hostSpan.start, u.hostSpan.end)), ['cache.zerops']);
    assert.deepEqual(m.services, []);
  });

  test('a setup without build or run, a non-map entry and a scalar zerops key do not throw', () => {
    for (const text of ['zerops:\n  - setup: a\n  - 3\n  - setup: b\n    run: nope\n', 'zerops: 1\n', 'zerops:\n  - setup:\n    run:\n      envVariables:\n']) {
      const m = parseZerops(text, { fileName: 'zerops.yml' });
      assert.ok(m.setups.every((s) => s.envMaps.every((e) => e.entries.length === 0)), text);
    }
  });

  test('a zerops.yml found by content (top-level zerops: list of setups) is read the same way', () => {
    const m = parseZerops('zerops:\n  - setup: api\n    run:\n      envVariables:\n        A: ${db_port}\n', { fileName: 'deploy/app.yml' });
    assert.equal(m.kind, 'zerops-yml');
    assert.deepEqual(m.references.map((r) => r.host), ['db']);
  });
});

describe('zerops.yml checked against the workspace', () => {
  test('alone, with no import file, the checks that need a service stay silent', () => {
    assert.deepEqual(lintIn(undefined, ZEROPS_TEXT), []);
    assert.deepEqual(lintIn(indexWorkspace([{ fileName: 'zerops.yml', text: ZEROPS_TEXT }]), ZEROPS_TEXT), []);
  });

  test('single-node Valkey in import.yaml: port 7000 and ${cache_user} in zerops.yml are errors', () => {
    const found = lintIn(workspaceOf(), ZEROPS_TEXT);
    assert.deepEqual(shown(found, ZEROPS_TEXT), ['valkey-replica-port: 7000', 'reference-unknown-variable: ${cache_user}']);
    assert.ok(found.every((f) => f.severity === 'error'));
    assert.match(found[0].message, /"cache" is a single node/);
    const fixedText = applyEdits(ZEROPS_TEXT, found[0].fixes![0].edits);
    assert.equal(fixedText, ZEROPS_TEXT.replace('"7000"', '"6379"'));
    assert.equal(applyEdits(ZEROPS_TEXT, found[1].fixes![0].edits), ZEROPS_TEXT.replace('${cache_user}', 'default'));
  });

  test('the import file switched to HA clears the replica-port error without touching zerops.yml', () => {
    const index = workspaceOf();
    assert.equal(index.setText('import.yaml', 'import.yaml', IMPORT_TEXT.replace('mode: NON_HA', 'mode: HA')), true);
    assert.deepEqual(shown(lintIn(index, ZEROPS_TEXT), ZEROPS_TEXT), ['reference-unknown-variable: ${cache_user}']);
  });

  test('an edit that leaves hostnames, types and modes alone does not count as a change', () => {
    const index = workspaceOf();
    assert.equal(index.setText('import.yaml', 'import.yaml', `# shop\n${IMPORT_TEXT}`), false);
    assert.equal(index.setText('zerops.yml', 'zerops.yml', `${ZEROPS_TEXT}# end\n`), false);
    assert.equal(index.delete('import.yaml'), true);
    assert.deepEqual(lintIn(index, ZEROPS_TEXT), []);
  });

  test('TLS, scheme and auth rules read zerops.yml values too', () => {
    const text = yaml(
      'zerops:',
      '  - setup: app',
      '    run:',
      '      envVariables:',
      '        A: rediss://cache:6379',
      '        B: ${cache_portTls}',
    );
    assert.deepEqual(shown(lintIn(workspaceOf(), text), text), [
      'valkey-no-auth: rediss://cache:6379',
      'valkey-scheme-port: rediss://cache:6379',
      'valkey-tls-internal: rediss://cache:6379',
      'valkey-tls-internal: ${cache_portTls}',
    ]);
  });

  test('build and run of a setup are separate containers: a replica-only run section is flagged for the run', () => {
    const ha = workspaceOf(IMPORT_TEXT.replace('mode: NON_HA', 'mode: HA'));
    const text = yaml(
      'zerops:',
      '  - setup: app',
      '    build:',
      '      envVariables:',
      '        W: ${cache_connectionString}',
      '    run:',
      '      envVariables:',
      '        R: ${cache_connectionStringReplicas}',
    );
    const found = lintIn(ha, text).filter((f) => f.rule === 'valkey-replica-only');
    assert.deepEqual(shown(found, text), ['valkey-replica-only: ${cache_connectionStringReplicas}']);
    assert.match(found[0].message, /the run environment of this setup has no other connection/);
  });

  test('a hostname two import files define: an HA definition wins, disagreeing types leave it out', () => {
    const prod = IMPORT_TEXT.replace('mode: NON_HA', 'mode: HA');
    const both = indexWorkspace([
      { fileName: 'zerops-project-import.yml', text: IMPORT_TEXT },
      { fileName: 'zerops-project-production-import.yml', text: prod },
    ]);
    assert.deepEqual(shown(lintIn(both, ZEROPS_TEXT), ZEROPS_TEXT), ['reference-unknown-variable: ${cache_user}']);
    const clash = indexWorkspace([
      { fileName: 'a/import.yaml', text: IMPORT_TEXT },
      { fileName: 'b/import.yaml', text: 'services:\n  - hostname: cache\n    type: postgresql@16\n' },
    ]);
    assert.deepEqual(clash.servicesFor().map((s) => s.hostname?.value), ['app']);
    assert.deepEqual(lintIn(clash, ZEROPS_TEXT), []);
  });

  test('two projects in one workspace keep apart: each zerops.yml sees the import files nearest to it', () => {
    const ha = IMPORT_TEXT.replace('mode: NON_HA', 'mode: HA');
    const index = indexWorkspace([
      { fileName: 'shop/import.yaml', text: IMPORT_TEXT },
      { fileName: 'blog/import.yaml', text: ha },
      { fileName: 'shop/app/zerops.yml', text: ZEROPS_TEXT },
    ]);
    const check = (fileName: string) => shown(lintIn(index, ZEROPS_TEXT, fileName), ZEROPS_TEXT);
    assert.deepEqual(check('shop/app/zerops.yml'), ['valkey-replica-port: 7000', 'reference-unknown-variable: ${cache_user}']);
    assert.deepEqual(check('blog/zerops.yml'), ['reference-unknown-variable: ${cache_user}']);
    // Equally near both (the workspace root): the HA definition wins.
    assert.deepEqual(check('zerops.yml'), ['reference-unknown-variable: ${cache_user}']);
  });

  test("an import file's own services win over other files', and it never sees itself as another file", () => {
    const index = workspaceOf(IMPORT_TEXT.replace('mode: NON_HA', 'mode: HA'));
    assert.deepEqual(index.servicesFor('import.yaml'), []);
    const own = yaml('services:', '  - hostname: cache', '    type: valkey:single@7.2', '  - hostname: web', '    type: nodejs@22', '    envSecrets:', '      R: ${cache_portReplicas}');
    assert.deepEqual(shown(lintIn(index, own, 'other-import.yaml'), own), ['valkey-replica-port: ${cache_portReplicas}']);
  });
});

describe('the sample zerops.yml files', () => {
  test('are read as zerops.yml with named setups, and their outline and hostname lookups do not throw', () => {
    const r = zeropsYmlSweep(yamlFiles(SAMPLES));
    assert.equal(r.files, 2);
    assert.ok(r.references >= 15, `only ${r.references} references`);
  });
});
