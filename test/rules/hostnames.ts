import { yaml } from '../helpers';
import type { RuleTable } from '../rule-tester';

// hostname-invalid, hostname-length, hostname-duplicate (server/src/rules/hostnames.ts).

const host = (h: string) => yaml('services:', `  - hostname: ${h}`, '    type: go@1');
const twice = (second: string) => yaml('services:', '  - hostname: db', '    type: postgresql@16', `  - hostname: ${second}`, '    type: go@1');

export const HOSTNAMES: RuleTable = {
  'hostname-invalid': {
    valid: [host('a'.repeat(40)), host('api2'), host('"api"')],
    invalid: [
      { code: host('my-App_1'), hits: ['my-App_1'], output: host('myapp1') },
      { name: 'the fix keeps single quotes', code: host("'my-App_1'"), hits: ['my-App_1'], output: host("'myapp1'") },
      { name: 'the fix keeps double quotes', code: host('"API"'), hits: ['API'], output: host('"api"') },
      { name: 'over 40 characters', code: host('a'.repeat(41)), hits: ['a'.repeat(41)] },
    ],
  },
  'hostname-length': {
    valid: [host('a'.repeat(25)), { name: 'over 40 is hostname-invalid\'s', code: host('a'.repeat(41)) }],
    invalid: [{ name: '26 characters is a warning', code: host('a'.repeat(26)), hits: [{ text: 'a'.repeat(26), severity: 'warning' }] }],
  },
  'hostname-duplicate': {
    valid: [{ name: 'db and db2', code: twice('db2') }],
    invalid: [{ name: 'both places, each pointing at the other', code: twice('db'), hits: [{ text: 'db', at: 24, related: [65] }, { text: 'db', at: 65, related: [24] }] }],
  },
};
