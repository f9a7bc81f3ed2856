import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fixed, hits, lint, only, svc, yaml } from './helpers';


describe('schema-value-type', () => {
  test('an empty entry of services is information at the dash (the rest: schema-rules.test.ts)', () => {
    assert.deepEqual(lint(yaml('services:', '  -', '  - hostname: a', '    type: go@1')).filter((f) => f.rule === 'schema-value-type').map((f) => f.span.start), [13]);
  });
});

describe('schema-required', () => {
  test('a service without hostname or type, project without name, a file without services', () => {
    assert.deepEqual(hits(yaml('services:', '  - type: nodejs@22'), 'schema-required'), ['type']);
    assert.equal(only(yaml('services:', '  - type: nodejs@22'), 'schema-required').message, 'Service #1 needs "hostname"; Zerops rejects the import without it.');
    assert.deepEqual(hits(yaml('services:', '  - hostname: app'), 'schema-required'), ['hostname']);
    assert.deepEqual(hits(yaml('project:', '  corePackage: LIGHT', 'services:', '  - hostname: app', '    type: go@1'), 'schema-required'), ['project']);
    assert.deepEqual(hits(yaml('project:', '  name: x'), 'schema-required'), ['project']);
    assert.match(only(yaml('project:', '  name: x'), 'schema-required').message, /"services"/);
  });

  test('silent on a complete file', () => {
    assert.deepEqual(hits(yaml('project:', '  name: x', 'services:', '  - hostname: app', '    type: go@1'), 'schema-required'), []);
  });
});

describe('service-type-unknown', () => {
  test('a type that exists in no spelling, with the nearest real type', () => {
    assert.deepEqual(hits(svc('valky@7.2', 'mode: HA'), 'service-type-unknown'), ['valky@7.2']);
    assert.equal(fixed(svc('valky@7.2', 'mode: HA'), 'service-type-unknown'), svc('valkey@7.2', 'mode: HA'));
    assert.equal(fixed(svc('redis@7'), 'service-type-unknown'), svc('valkey@7.2'));
    assert.equal(fixed(svc('postgres@16'), 'service-type-unknown'), svc('postgresql@16'));
    assert.equal(fixed(svc('meilisearch:ha@1.20'), 'service-type-unknown'), svc('meilisearch:single@1.20'));
    assert.match(only(svc('redis@7'), 'service-type-unknown').message, /serviceStackTypeNotFound/);
    assert.deepEqual(hits(svc('16'), 'service-type-unknown'), ['16']);
  });

  test('silent on both spellings of real types', () => {
    for (const t of ['valkey@7.2', 'valkey:ha@7.2', 'nodejs@22', 'alpine/nodejs@22', 'ubuntu/python@3.12', 'static', 'object-storage', 'sharedstorage', 'shared-storage:single', 'keydb@6', 'rabbitmq@3.9', 'alpine/docker@26']) {
      assert.deepEqual(hits(svc(t), 'service-type-unknown'), [], t);
    }
  });
});

describe('service-version-unknown', () => {
  test('a version Zerops does not offer, with the nearest offered ones (never applied unasked)', () => {
    assert.deepEqual(hits(svc('postgresql@13'), 'service-version-unknown'), ['13']);
    const f = only(svc('nodejs@19'), 'service-version-unknown');
    assert.deepEqual(f.fixes?.map((x) => x.title), ['Use nodejs@20', 'Use nodejs@18', 'Use nodejs@22']);
    assert.ok(f.fixes?.every((x) => !x.preferred));
    assert.equal(fixed(svc('postgresql@13'), 'service-version-unknown', 'Use postgresql@14'), svc('postgresql@14'));
    assert.equal(fixed(svc('postgresql:ha@15'), 'service-version-unknown', 'Use postgresql:ha@14'), svc('postgresql:ha@14'));
    assert.equal(fixed(svc('postgresql'), 'service-version-unknown', 'Use postgresql@18'), svc('postgresql@18'));
  });

  test('silent on offered versions of either list, and on Valkey and KeyDB (their own rules)', () => {
    for (const t of ['postgresql@14', 'postgresql:single@18', 'nodejs@18', 'rust@1', 'python@3.14', 'php-nginx@8.3', 'valkey@8', 'keydb@5']) {
      assert.deepEqual(hits(svc(t), 'service-version-unknown'), [], t);
    }
  });
});

describe('hostnames', () => {
  const host = (h: string) => yaml('services:', `  - hostname: ${h}`, '    type: go@1');
  test('hostname-invalid: characters outside a-z0-9 or over 40, fixed to the cleaned name', () => {
    assert.deepEqual(hits(host('my-App_1'), 'hostname-invalid'), ['my-App_1']);
    assert.equal(fixed(host('my-App_1'), 'hostname-invalid'), host('myapp1'));
    assert.equal(fixed(host("'my-App_1'"), 'hostname-invalid'), host("'myapp1'"), 'the fix keeps quotes');
    assert.equal(fixed(host('"API"'), 'hostname-invalid'), host('"api"'));
    assert.deepEqual(hits(host('a'.repeat(41)), 'hostname-invalid'), ['a'.repeat(41)]);
    assert.deepEqual(hits(host('a'.repeat(40)), 'hostname-invalid'), []);
    assert.deepEqual(hits(host('api2'), 'hostname-invalid'), []);
  });

  test('hostname-length: 26 to 40 characters is a warning', () => {
    assert.deepEqual(hits(host('a'.repeat(26)), 'hostname-length'), ['a'.repeat(26)]);
    assert.equal(only(host('a'.repeat(26)), 'hostname-length').severity, 'warning');
    assert.deepEqual(hits(host('a'.repeat(25)), 'hostname-length'), []);
    assert.deepEqual(hits(host('a'.repeat(41)), 'hostname-length'), []);
  });

  test('hostname-duplicate: both places, each pointing at the other', () => {
    const text = yaml('services:', '  - hostname: db', '    type: postgresql@16', '  - hostname: db', '    type: go@1');
    const found = lint(text).filter((f) => f.rule === 'hostname-duplicate');
    assert.deepEqual(found.map((f) => f.span), [{ start: 24, end: 26 }, { start: 65, end: 67 }]);
    assert.deepEqual(found[0].related?.map((r) => r.span), [{ start: 65, end: 67 }]);
    assert.deepEqual(hits(yaml('services:', '  - hostname: db', '    type: postgresql@16', '  - hostname: db2', '    type: go@1'), 'hostname-duplicate'), []);
  });

  test('hostname-duplicate: a name used thousands of times lists a few others each, not all (linear, no memory blow-up)', () => {
    const text = `services:\n${'  - hostname: a\n    type: go@1\n'.repeat(3000)}`;
    const found = lint(text).filter((f) => f.rule === 'hostname-duplicate');
    assert.equal(found.length, 3000);
    assert.ok(found.every((f) => f.related!.length === 5));
    assert.match(found[0].message, /used by 3000 services/);
  });
});

describe('mode rules', () => {
  test('mode-invalid: a managed non-Valkey service with a mistyped mode, fixed to the intended value', () => {
    assert.deepEqual(hits(svc('postgresql@16', 'mode: ha'), 'mode-invalid'), ['ha']);
    assert.equal(fixed(svc('postgresql@16', 'mode: non-ha'), 'mode-invalid'), svc('postgresql@16', 'mode: NON_HA'));
    assert.deepEqual(hits(svc('postgresql@16', 'mode: HA'), 'mode-invalid'), []);
    assert.deepEqual(hits(svc('valkey@7.2', 'mode: ha'), 'mode-invalid'), [], 'valkey-mode owns Valkey');
  });

  test('mode-ignored: a warning on runtimes, an error on object storage, fixed by removing it', () => {
    assert.deepEqual(hits(svc('nodejs@22', 'mode: HA'), 'mode-ignored'), ['mode']);
    assert.equal(only(svc('nodejs@22', 'mode: HA'), 'mode-ignored').severity, 'warning');
    assert.equal(fixed(svc('nodejs@22', 'mode: HA', 'priority: 1'), 'mode-ignored'), svc('nodejs@22', 'priority: 1'));
    assert.equal(only(svc('object-storage', 'objectStorageSize: 2', 'mode: NON_HA'), 'mode-ignored').severity, 'error');
    assert.deepEqual(hits(svc('postgresql@16', 'mode: HA'), 'mode-ignored'), []);
  });

  test('deprecated-field: os and mode next to a composite type, minVCpu/maxVCpu anywhere', () => {
    assert.deepEqual(hits(svc('alpine/nodejs@22', 'os: alpine'), 'deprecated-field'), ['os']);
    assert.deepEqual(hits(svc('postgresql:ha@16', 'mode: HA'), 'deprecated-field'), ['mode']);
    assert.deepEqual(hits(svc('go@1', 'verticalAutoscaling:', '  minVCpu: 1'), 'deprecated-field'), ['minVCpu']);
    assert.equal(only(svc('go@1', 'verticalAutoscaling:', '  minVCpu: 1'), 'deprecated-field').severity, 'hint');
    assert.deepEqual(hits(svc('nodejs@22', 'os: alpine'), 'deprecated-field'), []);
    assert.deepEqual(hits(svc('postgresql@16', 'mode: HA'), 'deprecated-field'), []);
    assert.deepEqual(hits(svc('valkey:ha@7.2', 'mode: HA'), 'deprecated-field'), [], 'valkey-mode-redundant owns Valkey');
  });
});

describe('scaling', () => {
  test('managed-containers: container counts on a managed service, Valkey included, removed by the fix', () => {
    assert.deepEqual(hits(svc('postgresql@16', 'mode: HA', 'minContainers: 2', 'maxContainers: 3'), 'managed-containers'), ['minContainers', 'maxContainers']);
    assert.deepEqual(hits(svc('valkey:ha@7.2', 'minContainers: 3'), 'managed-containers'), ['minContainers']);
    assert.equal(fixed(svc('valkey:ha@7.2', 'minContainers: 3', 'priority: 10'), 'managed-containers'), svc('valkey:ha@7.2', 'priority: 10'));
    assert.deepEqual(hits(svc('nodejs@22', 'minContainers: 2'), 'managed-containers'), []);
  });

  test('scaling-range: a minimum above its maximum', () => {
    assert.deepEqual(hits(svc('go@1', 'minContainers: 3', 'maxContainers: 2'), 'scaling-range'), ['3']);
    assert.deepEqual(hits(svc('go@1', 'verticalAutoscaling:', '  minRam: 4', '  maxRam: 2', '  minCpu: 1', '  maxCpu: 1'), 'scaling-range'), ['4']);
    assert.deepEqual(hits(svc('go@1', 'verticalAutoscaling:', '  minDisk: 1', '  maxDisk: 2'), 'scaling-range'), []);
  });

  test('object-storage-size: object storage without a size gets objectStorageSize: 2 after its type', () => {
    assert.deepEqual(hits(svc('object-storage'), 'object-storage-size'), ['object-storage']);
    assert.equal(fixed(svc('objectstorage', 'objectStoragePolicy: private'), 'object-storage-size'), svc('objectstorage', 'objectStorageSize: 2', 'objectStoragePolicy: private'));
    assert.deepEqual(hits(svc('object-storage', 'objectStorageSize: 5'), 'object-storage-size'), []);
  });
});

describe('env rules', () => {
  test('service-envvariables: renamed to envSecrets, unless envSecrets is already there', () => {
    const text = svc('nodejs@22', 'envVariables:', '  A: b');
    assert.deepEqual(hits(text, 'service-envvariables'), ['envVariables']);
    assert.equal(fixed(text, 'service-envvariables'), svc('nodejs@22', 'envSecrets:', '  A: b'));
    assert.deepEqual(only(svc('nodejs@22', 'envSecrets:', '  C: d', 'envVariables:', '  A: b'), 'service-envvariables').fixes, []);
    assert.deepEqual(hits(yaml('project:', '  name: x', '  envVariables:', '    A: b', 'services: []'), 'service-envvariables'), []);
  });

  test('env-key-invalid and env-zerops-prefix', () => {
    const text = svc('nodejs@22', 'envSecrets:', '  APP-KEY: x', '  ZEROPS_TOKEN: y', '  GOOD_KEY_2: z');
    assert.deepEqual(hits(text, 'env-key-invalid'), ['APP-KEY']);
    assert.deepEqual(hits(text, 'env-zerops-prefix'), ['ZEROPS_TOKEN']);
    const cases = svc('nodejs@22', 'envSecrets:', '  ZEROPS_A: 1', '  zerops_b: 2', '  Zerops_C: 3', '  MY_ZEROPS_D: 4', '  ZEROPSE: 5', '  ZEROP_F: 6');
    const found = lint(cases).filter((f) => f.rule === 'env-zerops-prefix');
    assert.deepEqual(found.map((f) => [cases.slice(f.span.start, f.span.end), f.severity]), [['ZEROPS_A', 'error'], ['zerops_b', 'warning'], ['Zerops_C', 'warning']]);
    assert.match(found[1].message, /upper case.*one live measurement/);
    assert.deepEqual(hits(svc('nodejs@22', 'dotEnvSecrets: |', '  my.key=1', '  OK=2'), 'env-key-invalid'), ['my.key']);
  });
});

describe('references', () => {
  const two = (...env: string[]) => yaml('services:', '  - hostname: db', '    type: postgresql@16', '  - hostname: api', '    type: nodejs@22', '    envSecrets:', ...env.map((l) => `      ${l}`));
  test('reference-unknown-service: no such hostname in the file, with the nearest one', () => {
    assert.deepEqual(hits(two('A: ${dbb_password}'), 'reference-unknown-service'), ['dbb']);
    assert.equal(fixed(two('A: ${dbb_password}'), 'reference-unknown-service'), two('A: ${db_password}'));
    assert.equal(only(two('A: ${dbb_password}'), 'reference-unknown-service').severity, 'warning');
    assert.deepEqual(hits(two('A: ${db_password}', 'B: ${APP_URL}', 'C: ${zeropsSubdomainHost}'), 'reference-unknown-service'), []);
  });

  test('reference-unknown-variable on PostgreSQL: a near miss is an error fixed to the real name', () => {
    assert.deepEqual(hits(two('A: ${db_pasword}'), 'reference-unknown-variable'), ['${db_pasword}']);
    assert.equal(fixed(two('A: ${db_pasword}'), 'reference-unknown-variable'), two('A: ${db_password}'));
    assert.equal(fixed(two('A: ${db_dbname}'), 'reference-unknown-variable'), two('A: ${db_dbName}'));
    const storage = yaml('services:', '  - hostname: files', '    type: object-storage', '    objectStorageSize: 2', '  - hostname: api', '    type: go@1', '    envSecrets:', '      S3: ${files_secretAccesKey}');
    assert.equal(fixed(storage, 'reference-unknown-variable'), storage.replace('AccesKey', 'AccessKey'));
  });

  test('silent where the list may be incomplete and nothing is close, on declared variables, and on runtimes (their zerops.yml is not in view)', () => {
    assert.deepEqual(hits(two('A: ${db_somethingElse}', 'B: ${db_superUser}', 'C: ${api_A}', 'D: ${api_zeropsSubdomain}', 'E: ${api_hostnme}'), 'reference-unknown-variable'), []);
  });
});

describe('preprocessor', () => {
  test('preprocessor-directive: <@ without the directive, fixed by inserting it as line 1', () => {
    const text = svc('go@1', 'envSecrets:', '  K: <@generateRandomString(<32>)>');
    assert.deepEqual(hits(text, 'preprocessor-directive'), ['<@generateRandomString(<32>)>']);
    assert.equal(fixed(text, 'preprocessor-directive'), `#yamlPreprocessor=on\n${text}`);
    assert.deepEqual(hits(`#zeropsPreprocessor=on\n${text}`, 'preprocessor-directive'), []);
    assert.deepEqual(hits(svc('go@1', '# <@generateRandomString(<8>)> in a comment'), 'preprocessor-directive'), []);
  });

  test('preprocessor-function: unknown functions and modifiers, fixed to the nearest name', () => {
    const text = `#yamlPreprocessor=on\n${svc('go@1', 'envSecrets:', '  K: <@generateRandomStrng(<32>)|sha265>', '  J: <@pickRandom(<a>, <@getVar(x)>)|upper>')}`;
    assert.deepEqual(hits(text, 'preprocessor-function'), ['generateRandomStrng', 'sha265']);
    const one = `#yamlPreprocessor=on\n${svc('go@1', 'envSecrets:', '  K: <@generateRandomStrng(<32>)>')}`;
    assert.equal(fixed(one, 'preprocessor-function'), one.replace('Strng', 'String'));
    assert.match(only(`#yamlPreprocessor=on\n${svc('go@1', 'envSecrets:', '  K: <@(<1>)>')}`, 'preprocessor-function').message, /name is missing/);
  });
});

describe('suppression comments', () => {
  const bad = (comment: string) => yaml('services:', '  - hostname: app', '    type: nodejs@22', comment, '    mode: HA');
  test('disable-next-line silences the named rule on the next line only', () => {
    assert.deepEqual(hits(bad('    # zerops-disable-next-line mode-ignored'), 'mode-ignored'), []);
    assert.deepEqual(hits(bad('    # zerops-disable-next-line hostname-invalid, schema-enum'), 'mode-ignored'), ['mode']);
    assert.deepEqual(hits(bad('    # zerops-disable-next-line'), 'mode-ignored'), [], 'id-less silences every rule on the line');
  });

  test('zerops-disable silences a rule in the whole file', () => {
    assert.deepEqual(hits(`# zerops-disable mode-ignored -- runtimes ignore it anyway\n${bad('    # note')}`, 'mode-ignored'), []);
  });

  test('a wrong id in a suppression comment is itself reported, with the nearest id', () => {
    const text = bad('    # zerops-disable-next-line mode-ignord');
    assert.deepEqual(hits(text, 'suppression-unknown-rule'), ['mode-ignord']);
    assert.equal(fixed(text, 'suppression-unknown-rule'), bad('    # zerops-disable-next-line mode-ignored'));
  });
});

describe('Zerops\' own spellings', () => {
  for (const name of ['legacy.import.yaml', 'composite.import.yaml']) {
    test(`${name}: a file in the documented shape of that spelling raises nothing`, () => {
      const text = readFileSync(join(__dirname, '../../test/fixtures/examples', name), 'utf8');
      assert.deepEqual(lint(text, name).map((f) => `${f.rule}: ${text.slice(f.span.start, f.span.end)}`), []);
    });
  }
});
