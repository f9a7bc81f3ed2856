import { svc, yaml } from '../helpers';
import type { RuleTable } from '../rule-tester';

// service-envvariables, env-key-invalid and env-zerops-prefix in import files (server/src/rules/env.ts).

const secrets = (...lines: string[]) => svc('nodejs@22', 'envSecrets:', ...lines.map((l) => `  ${l}`));

export const ENV: RuleTable = {
  'service-envvariables': {
    valid: [
      { name: 'project envVariables are right', code: yaml('project:', '  name: x', '  envVariables:', '    A: b', 'services: []') },
      secrets('A: b'),
    ],
    invalid: [
      { name: 'renamed to envSecrets', code: svc('nodejs@22', 'envVariables:', '  A: b'), hits: ['envVariables'], output: secrets('A: b') },
      { name: 'no rename when envSecrets is already there', code: svc('nodejs@22', 'envSecrets:', '  C: d', 'envVariables:', '  A: b'), hits: ['envVariables'], noFix: true },
    ],
  },
  'env-key-invalid': {
    valid: [secrets('GOOD_KEY_2: z', 'ZEROPS_TOKEN: y', 'a: 1'), svc('nodejs@22', 'dotEnvSecrets: |', '  MY_KEY=1', '  OK=2')],
    invalid: [
      { code: secrets('APP-KEY: x', 'ZEROPS_TOKEN: y', 'GOOD_KEY_2: z'), hits: ['APP-KEY'] },
      { name: 'in dotEnvSecrets too', code: svc('nodejs@22', 'dotEnvSecrets: |', '  my.key=1', '  OK=2'), hits: ['my.key'] },
    ],
  },
  'env-zerops-prefix': {
    valid: [secrets('MY_ZEROPS_D: 4', 'ZEROPSE: 5', 'ZEROP_F: 6', 'APP-KEY: x')],
    invalid: [
      { code: secrets('APP-KEY: x', 'ZEROPS_TOKEN: y', 'GOOD_KEY_2: z'), hits: ['ZEROPS_TOKEN'] },
      {
        name: 'upper case is an error; another case rests on one measurement',
        code: secrets('ZEROPS_A: 1', 'zerops_b: 2', 'Zerops_C: 3', 'MY_ZEROPS_D: 4', 'ZEROPSE: 5', 'ZEROP_F: 6'),
        hits: [{ text: 'ZEROPS_A', severity: 'error' }, { text: 'zerops_b', severity: 'warning', message: /upper case.*one live measurement/ }, { text: 'Zerops_C', severity: 'warning' }],
      },
    ],
  },
};
