import { yaml } from '../helpers';
import type { RuleTable } from '../rule-tester';
import { parseZerops } from '../../server/src/model/parse';

// What the editor shows, worded for the moment it is shown in (issue 16, point 5): the messages and the
// fixes offered, as rule cases (editor-messages.test.ts keeps the conversion to plain text and hovers).

const SINGLE = (type: string, ...more: string[]) => yaml('services:', '  - hostname: cache', `    type: ${type}`, ...more, '  - hostname: app', '    type: nodejs@22', '    envSecrets:');
const single = (...env: string[]) => yaml(SINGLE('valkey:single@7.2').trimEnd(), ...env.map((l) => `      ${l}`));
const PRIMARY = 'Use the primary endpoint (${cache_connectionString})';
const onPurpose = single('REDIS_URL: ${cache_connectionString}', 'REDIS_READ_URL: ${cache_connectionStringReplicas}');
const nonHa = yaml(SINGLE('valkey@7.2', '    mode: NON_HA').trimEnd(), '      REPLICA_PORT: ${cache_portReplicas}');
const legacy = yaml(SINGLE('valkey@7.2').trimEnd(), '      REDIS_URL: ${cache_connectionString}', '      REDIS_READ_URL: ${cache_connectionStringReplicas}');

export const MESSAGES: RuleTable = {
  'valkey-replica-port': {
    valid: [single('REDIS_URL: ${cache_connectionString}', 'P: ${cache_port}')],
    invalid: [
      {
        name: 'a variable is answered with the variable to use, not a port',
        code: single('URL: ${cache_connectionStringReplicas}'),
        hits: [{ text: '${cache_connectionStringReplicas}', message: [/Use \$\{cache_connectionString\}, the read\/write endpoint\./, /^(?![\s\S]*Use port)/] }],
        offers: [PRIMARY],
      },
      { name: 'a port variable is answered with the port variable', code: single('P: ${cache_portReplicas}'), hits: [{ text: '${cache_portReplicas}', message: /Use \$\{cache_port\},/ }] },
      {
        name: 'asked for on purpose (a READ key): making the service HA is offered too, not preferred',
        code: onPurpose,
        hits: [{ text: '${cache_connectionStringReplicas}', message: /or make the service HA before it is created/ }],
        offers: [[PRIMARY, true], ['Make "cache" HA (three nodes; only before it is created: the mode is fixed)', false]],
        fix: /^Make "cache" HA/,
        output: onPurpose.replace('type: valkey:single@7.2', 'type: valkey:ha@7.2'),
        clean: true,
      },
      { name: 'the HA edit: mode NON_HA becomes HA', code: nonHa, hits: ['${cache_portReplicas}'], fix: /^Make/, output: nonHa.replace('    mode: NON_HA\n', '    mode: HA\n') },
      { name: 'the HA edit: a legacy type gets mode: HA', code: legacy, hits: ['${cache_connectionStringReplicas}'], fix: /^Make/, output: legacy.replace('    type: valkey@7.2\n', '    type: valkey@7.2\n    mode: HA\n'), clean: true },
      { name: 'look-alike: an ordinary key gets no HA offer', code: single('REDIS_URL: ${cache_connectionStringReplicas}'), hits: ['${cache_connectionStringReplicas}'], offers: [PRIMARY] },
      {
        name: 'look-alike: a Valkey of another file is not edited from here',
        filename: 'zerops.yml',
        code: yaml('zerops:', '  - setup: app', '    run:', '      envVariables:', '        REDIS_READ_URL: ${cache_connectionStringReplicas}'),
        external: parseZerops(SINGLE('valkey:single@7.2'), { fileName: 'import.yaml' }).services,
        hits: ['${cache_connectionStringReplicas}'],
        offers: [PRIMARY],
      },
    ],
  },
  'schema-value-type': {
    valid: [yaml('services:', '  - hostname: app', '    type: go@1')],
    invalid: [
      { name: 'an empty `- ` while typing is information, not an error', code: yaml('services:', '  - '), hits: [{ text: '', severity: 'info', message: [/empty entry of "services"/, /^(?![\s\S]*must be a map, not nothing)/] }] },
      { name: 'a scalar entry is still an error', code: yaml('services:', '  - app'), hits: [{ text: 'app', severity: 'error' }] },
    ],
  },
};
