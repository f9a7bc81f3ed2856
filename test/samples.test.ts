import assert from 'node:assert/strict';
import { test } from 'node:test';
import { json, run } from './cli-helpers';
import { SAMPLES, yamlFiles } from './helpers';

// The samples (test/fixtures/samples, written for the tests) hold realistic files with known slips next
// to look-alikes that are right: a preprocessor secret, a URL with ${db_password}, a production Valkey
// profile with a valid policy, mode on a managed service, KeyDB reached without a password, a zerops.yml
// whose references all resolve. Linted together, as one repository, they give exactly these findings:
// a new or vanished one fails, as the reviewed corpus list does in npm run test:real.

const EXPECTED: Record<string, string[]> = {
  'import.yaml': [
    '10 valkey-no-auth', // ${cache_hostname} and ${cache_port} without ${cache_password}
    '12 env-zerops-prefix',
    '13 env-key-invalid',
    '15 valkey-version', // valkey@8 without mode: one slip, one finding (valkey-mode-missing follows once it is 7.2)
    '22 hostname-invalid', // Cache_2
  ],
  'queue.import.yaml': [
    '4 keydb-deprecated',
    '9 valkey-mode-redundant',
    '19 mode-ignored', // mode on a PHP runtime
    '21 valkey-tls-internal', // rediss://…:6380 inside the project
    '22 valkey-replica-port', // :7000 of a single-node Valkey
    '24 secret-literal',
    '25 schema-unknown-key', // minVCpu on a service
  ],
  'shop__zerops-project-import.yml': [
    '9 valkey-no-auth',
    '29 mode-ignored',
    '34 mode-invalid', // mode: ha on PostgreSQL
    '38 valkey-mode-missing',
  ],
  'shop__zerops.yml': [],
  'zerops.yaml': [],
};

test('the samples, linted as one repository, give exactly the reviewed findings', () => {
  // Named one by one: the repository's own .zeropslintrc.json leaves test/fixtures/ out of searches.
  const r = run(['-f', 'json', ...yamlFiles(SAMPLES).map((f) => f.name)], { cwd: SAMPLES });
  assert.equal(r.status, 1, r.stderr);
  const got = Object.fromEntries(json(r.stdout).map((f) => [f.file, f.diagnostics.map((d) => `${d.range.start.line + 1} ${d.code}`)]));
  assert.deepEqual(got, EXPECTED);
});
