import { yaml } from '../helpers';
import type { RuleTable } from '../rule-tester';

// reference-unknown-service and reference-unknown-variable in import files (server/src/rules/references.ts);
// zerops.yml's and Valkey's cases are in their own tables.

const two = (...env: string[]) => yaml('services:', '  - hostname: db', '    type: postgresql@16', '  - hostname: api', '    type: nodejs@22', '    envSecrets:', ...env.map((l) => `      ${l}`));
const storage = (ref: string) => yaml('services:', '  - hostname: files', '    type: object-storage', '    objectStorageSize: 2', '  - hostname: api', '    type: go@1', '    envSecrets:', `      S3: \${files_${ref}}`);

/** A single-node (or HA, or unmoded) `db` of `type`, in an import file beside a zerops.yml. */
const db = (mode: string, type = 'postgresql@16') => ({ fileName: `import-${mode || 'none'}.yaml`, text: yaml('services:', '  - hostname: db', `    type: ${type}`, ...(mode ? [`    mode: ${mode}`] : []), '  - hostname: app', '    type: nodejs@22') });
const run = (...env: string[]) => yaml('zerops:', '  - setup: app', '    run:', '      base: nodejs@22', '      start: node a', '      envVariables:', ...env.map((e) => `        ${e}`));
const replicas = run('R: ${db_connectionStringReplicas}');

export const REFERENCES: RuleTable = {
  'reference-ha-only': {
    filename: 'zerops.yml',
    valid: [
      { name: 'HA PostgreSQL', code: replicas, workspace: [db('HA')] },
      { name: 'no mode given', code: replicas, workspace: [db('')] },
      { name: 'another variable', code: run('R: ${db_connectionString}', 'P: ${db_port}'), workspace: [db('NON_HA')] },
      { name: 'a type with no HA-only list', code: replicas, workspace: [db('NON_HA', 'mariadb@10.6')] },
      { name: 'Valkey (its own rule)', code: replicas, workspace: [db('NON_HA', 'valkey@7.2')] },
      { name: 'an unknown host', code: run('R: ${other_connectionStringReplicas}'), workspace: [db('NON_HA')] },
      { name: 'HA in one import and single in another (production beside development): the HA one counts', code: replicas, workspace: [db('NON_HA'), db('HA')] },
    ],
    invalid: [
      {
        name: 'the real case: DATABASE_READ_URL: ${db_connectionStringReplicas} for a NON_HA PostgreSQL, fixed to the primary URL',
        code: run('DATABASE_READ_URL: ${db_connectionStringReplicas}'),
        workspace: [db('NON_HA')],
        hits: [{ text: '${db_connectionStringReplicas}', message: /exists only on an HA postgresql; db is a single node/ }],
        output: run('DATABASE_READ_URL: ${db_connectionString}'),
      },
      {
        name: 'in an import file\'s own secrets',
        filename: 'import.yaml',
        code: yaml('services:', '  - hostname: db', '    type: postgresql@16', '    mode: NON_HA', '  - hostname: app', '    type: nodejs@22', '    envSecrets:', '      READ_PORT: ${db_portReplicas}'),
        hits: ['${db_portReplicas}'],
      },
    ],
  },
  'reference-unknown-service': {
    valid: [two('A: ${db_password}', 'B: ${APP_URL}', 'C: ${zeropsSubdomainHost}')],
    invalid: [{ name: 'no such hostname, fixed to the nearest; a warning', code: two('A: ${dbb_password}'), hits: [{ text: 'dbb', severity: 'warning' }], output: two('A: ${db_password}') }],
  },
  'reference-unknown-variable': {
    valid: [{
      name: 'the list may be incomplete and nothing is close, declared variables, runtimes (their zerops.yml is not in view)',
      code: two('A: ${db_somethingElse}', 'B: ${db_superUser}', 'C: ${api_A}', 'D: ${api_zeropsSubdomain}', 'E: ${api_hostnme}'),
    }, storage('secretAccessKey')],
    invalid: [
      { name: 'a near miss on PostgreSQL is an error fixed to the real name', code: two('A: ${db_pasword}'), hits: ['${db_pasword}'], output: two('A: ${db_password}') },
      { code: two('A: ${db_dbname}'), hits: ['${db_dbname}'], output: two('A: ${db_dbName}') },
      { code: storage('secretAccesKey'), hits: ['${files_secretAccesKey}'], output: storage('secretAccessKey') },
    ],
  },
};
