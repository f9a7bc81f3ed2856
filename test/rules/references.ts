import { yaml } from '../helpers';
import type { RuleTable } from '../rule-tester';

// reference-unknown-service and reference-unknown-variable in import files (server/src/rules/references.ts);
// zerops.yml's and Valkey's cases are in their own tables.

const two = (...env: string[]) => yaml('services:', '  - hostname: db', '    type: postgresql@16', '  - hostname: api', '    type: nodejs@22', '    envSecrets:', ...env.map((l) => `      ${l}`));
const storage = (ref: string) => yaml('services:', '  - hostname: files', '    type: object-storage', '    objectStorageSize: 2', '  - hostname: api', '    type: go@1', '    envSecrets:', `      S3: \${files_${ref}}`);

export const REFERENCES: RuleTable = {
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
