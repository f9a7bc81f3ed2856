import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { POLICY, keyInfo as keyInfoOf, keysAt as keysAtOf, levelAt } from '../server/src/catalog/schema';
import { baseNames, offeredTypeValues, typeInfo, typeProblem, splitType } from '../server/src/catalog/types';
import { variablesOf } from '../server/src/catalog/variables';
import { KEYDB, VALKEY } from '../server/src/catalog/valkey';

test('offered type values hold both spellings, newest first per base, and nothing no longer offered', () => {
  const all = offeredTypeValues();
  const pg = all.filter((t) => t.startsWith('postgresql'));
  assert.deepEqual(pg.slice(0, 3), ['postgresql:ha@18', 'postgresql:single@18', 'postgresql@18']);
  assert.equal(pg.at(-1), 'postgresql@14');
  for (const t of ['valkey@7.2', 'valkey:single@7.2', 'valkey:ha@7.2', 'alpine/nodejs@22', 'nodejs@22', 'object-storage', 'objectstorage', 'shared-storage:single', 'static']) {
    assert.ok(all.includes(t), t);
  }
  assert.ok(!all.some((t) => t.startsWith('keydb') || t.startsWith('rabbitmq')));
  assert.ok(!all.includes('3.17') && !all.includes('22.04'), 'stray bare versions of the legacy enum are dropped');
});

test('types carry their category, and KeyDB and RabbitMQ are known but not offered', () => {
  assert.equal(typeInfo('postgresql')?.category, 'managed');
  assert.equal(typeInfo('nodejs')?.category, 'runtime');
  assert.equal(typeInfo('static')?.category, 'static');
  assert.equal(typeInfo('objectstorage')?.category, 'object-storage');
  assert.equal(typeInfo('sharedstorage')?.category, 'shared-storage');
  assert.equal(typeInfo('keydb')?.offered, false);
  assert.equal(typeInfo('rabbitmq')?.offered, false);
  assert.equal(typeInfo('meilisearch')?.variants.join(), 'single');
  assert.deepEqual(typeInfo('deno')?.oses, ['ubuntu']);
  assert.ok(baseNames().includes('php-nginx'));
});

test('the schema catalogue agrees with the Valkey and KeyDB facts', () => {
  assert.deepEqual(typeInfo('valkey')?.versions, [VALKEY.version]);
  assert.deepEqual(typeInfo('valkey')?.variants, VALKEY.variants);
  assert.deepEqual(typeInfo('keydb')?.versions, KEYDB.versions);
});

test('typeProblem accepts both spellings and names the wrong part', () => {
  for (const ok of ['valkey@7.2', 'valkey:ha@7.2', 'nodejs@22', 'alpine/nodejs@22', 'rust@1', 'static', 'java', 'shared-storage:single', 'sharedstorage', 'ubuntu/python@3.12', 'go@1']) {
    assert.equal(typeProblem(splitType(ok)!), undefined, ok);
  }
  assert.equal(typeProblem(splitType('postgres@16')!), 'base');
  assert.equal(typeProblem(splitType('meilisearch:ha@1.20')!), 'variant');
  assert.equal(typeProblem(splitType('ubuntu/docker@26')!), 'os');
  assert.equal(typeProblem(splitType('postgresql@13')!), 'version');
  assert.equal(typeProblem(splitType('postgresql')!), 'version');
});

test('variablesOf: confirmed lists per type, mode-aware for HA-only ones, undefined where unconfirmed', () => {
  assert.ok(variablesOf('postgresql:single@16')!.includes('dbName'));
  assert.ok(variablesOf('postgresql', 'ha')!.includes('connectionStringReplicas'));
  assert.ok(!variablesOf('postgresql', 'single')!.includes('connectionStringReplicas'));
  assert.ok(variablesOf('valkey@7.2')!.includes('portReplicas'));
  assert.ok(!variablesOf('valkey@7.2', 'single')!.includes('portReplicas'));
  assert.ok(!variablesOf('valkey:ha@7.2')!.includes('user'));
  assert.ok(variablesOf('object-storage')!.includes('secretAccessKey'));
  assert.ok(variablesOf('alpine/nodejs@22')!.includes('zeropsSubdomain'));
  assert.deepEqual(variablesOf('keydb@6'), ['hostname', 'serviceId', 'projectId', 'port', 'connectionString']);
  assert.equal(variablesOf('shared-storage:single'), undefined);
  assert.equal(variablesOf('no-such-thing@1'), undefined);
});

test('key tables: every level, value types and enums from the schemas, our own docs, vault accepted', () => {
  const keysAt = (level: string) => keysAtOf('import', level);
  const keyInfo = (level: string, key: string) => keyInfoOf('import', level, key);
  assert.deepEqual(keysAt('root').map((k) => k.key), ['project', 'services']);
  for (const level of POLICY.import.levels) {
    for (const k of keysAt(level)) assert.ok(k.doc.length > 10, `${level}.${k.key} has a doc`);
  }
  assert.deepEqual(keyInfo('verticalAutoscaling', 'cpuMode')?.enum, ['DEDICATED', 'SHARED']);
  assert.deepEqual(keyInfo('project', 'location')?.enum, ['eu-central', 'us-east-1', 'us-west-1']);
  assert.equal(keyInfo('service', 'hostname')?.required, true);
  assert.equal(keyInfo('project', 'name')?.required, true);
  assert.deepEqual(keyInfo('service', 'minContainers')?.types, ['integer']);
  assert.deepEqual(keyInfo('service', 'minContainers')?.appliesTo, ['runtime', 'static']);
  assert.deepEqual(keyInfo('service', 'objectStorageSize')?.appliesTo, ['object-storage']);
  assert.equal(keyInfo('service', 'vault')?.unofficial, true);
  assert.equal(keyInfo('project', 'vault')?.unofficial, true);
  assert.equal(keyInfo('service', 'envVariables'), undefined);
  assert.equal(keyInfo('service', 'mode')?.deprecated, true);
  assert.deepEqual(keyInfo('service', 'mode')?.enum, ['HA', 'NON_HA']);
});

test('one levelAt for both kinds: an import path walks root, project, the items of services and verticalAutoscaling', () => {
  assert.equal(levelAt('import', []), 'root');
  assert.equal(levelAt('import', ['project']), 'project');
  assert.equal(levelAt('import', ['services', 3]), 'service');
  assert.equal(levelAt('import', ['services', 0, 'verticalAutoscaling']), 'verticalAutoscaling');
  // A list needs its item; free maps and inline zerops.yml leave the import schema.
  assert.equal(levelAt('import', ['services']), undefined);
  assert.equal(levelAt('import', ['project', 'envVariables']), undefined);
  assert.equal(levelAt('import', ['services', 0, 'zeropsYaml']), undefined);
  assert.equal(levelAt('zerops-yml', ['zerops', 0, 'run']), 'run');
});

describe('port table', () => {
  test('every scheme a port speaks is one the model scans URLs for', async () => {
    const { SERVICE_SCHEMES } = await import('../server/src/catalog/ports');
    const { URL_SCHEMES } = await import('../server/src/model/references');
    assert.deepEqual(SERVICE_SCHEMES.filter((s) => !(URL_SCHEMES as readonly string[]).includes(s)), []);
  });

  test('the port variables of the variable lists are the table\'s, with its numbers', async () => {
    const { TYPE_PORTS, portVariableDescription } = await import('../server/src/catalog/ports');
    for (const t of TYPE_PORTS) {
      for (const p of t.ports.filter((x) => x.portVar)) {
        const v = variablesOf(t.bases[0], p.haOnly ? 'ha' : 'single');
        assert.ok(v?.includes(p.portVar!), `${t.bases[0]} ${p.portVar}`);
        assert.match(portVariableDescription(p), new RegExp(String(p.port)));
      }
    }
  });
});
