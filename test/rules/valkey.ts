import { yaml } from '../helpers';
import type { RuleTable } from '../rule-tester';

// The Valkey rules (server/src/rules/valkey/) and Valkey's side of reference-unknown-variable.

const svc = (type: string, ...more: string[]) => yaml('services:', '  - hostname: cache', `    type: ${type}`, ...more.map((l) => `    ${l}`));

/** A file with one Valkey service and one runtime whose envSecrets hold `env`. */
export function wired(valkey: string[], env: string[]): string {
  return yaml('services:', '  - hostname: cache', ...valkey.map((l) => `    ${l}`), '  - hostname: api', '    type: nodejs@22', '    envSecrets:', ...env.map((l) => `      ${l}`));
}
export const SINGLE = ['type: valkey@7.2', 'mode: NON_HA'];
export const HA = ['type: valkey:ha@7.2'];
const single = (...env: string[]) => wired(SINGLE, env);
const ha = (...env: string[]) => wired(HA, env);
const crlf = (text: string) => text.replace(/\n/g, '\r\n');

const modeMissing = svc('valkey@7.2', 'priority: 10');
const modeConflict = svc('valkey:single@7.2', 'mode: HA', 'priority: 10');
const legacySingle = yaml(
  'project:', '  name: p', '  envVariables:', '    READ_URL: redis://default:${cache_password}@cache.zerops:7000',
  'services:', '  - hostname: cache', '    type: valkey@7.2', '  - hostname: api', '    type: nodejs@22', '    dotEnvSecrets: |',
  '      REDIS=redis://default:${cache_password}@cache:7000/0', '      # REDIS=redis://cache:7000',
);
const profile = (...more: string[]) => svc('valkey:ha@7.2', 'profile: production', 'profileOverrides:', ...more.map((l) => `  ${l}`));

export const VALKEY: RuleTable = {
  'valkey-version': {
    valid: ['valkey@7.2', 'valkey:single@7.2', 'valkey:ha@7.2', 'keydb@6', 'postgresql@16', 'alpine/nodejs@22'].map((t) => ({ name: `every spelling of 7.2, and other types: ${t}`, code: svc(t, 'mode: HA') })),
    invalid: [
      { name: 'valkey@8 is an error on the version, fixed (preferred) to 7.2', code: svc('valkey@8', 'mode: HA'), hits: [{ text: '8', severity: 'error', message: /serviceStackTypeNotFound/ }], offers: [['Use Valkey 7.2', true]], output: svc('valkey@7.2', 'mode: HA') },
      { name: 'a bare valkey type gets @7.2 appended', code: svc('valkey', 'mode: NON_HA'), hits: ['valkey'], output: svc('valkey@7.2', 'mode: NON_HA') },
      { code: svc('valkey:single'), hits: ['valkey:single'], output: svc('valkey:single@7.2') },
      { name: 'double quotes survive the fix', code: svc('"valkey@8"', 'mode: HA'), hits: ['8'], output: svc('"valkey@7.2"', 'mode: HA') },
      { name: 'single quotes and a comment survive the fix', code: svc("'valkey:ha@8' # cache"), hits: ['8'], output: svc("'valkey:ha@7.2' # cache") },
      { name: 'the fix keeps the composite spelling: valkey:ha@8 -> valkey:ha@7.2', code: svc('valkey:ha@8'), hits: ['8'], output: svc('valkey:ha@7.2') },
      // Every other version is flagged: 7, 7.2.4, latest, 8.0.
      ...['7', '7.2.4', 'latest', '8.0'].map((v) => ({ code: svc(`valkey@${v}`, 'mode: HA'), hits: [v], output: svc('valkey@7.2', 'mode: HA') })),
    ],
  },
  'valkey-mode': {
    valid: [
      ...['HA', 'NON_HA', '"HA"', "'NON_HA'"].map((m) => ({ name: `mode: ${m}`, code: svc('valkey@7.2', `mode: ${m}`) })),
      { name: 'mode of another service', code: svc('postgresql@16', 'mode: ha') },
    ],
    invalid: [
      ...[['ha', 'HA'], ['Ha', 'HA'], ['non-ha', 'NON_HA'], ['NONHA', 'NON_HA'], ['single', 'NON_HA'], ['non_ha', 'NON_HA']].map(([bad, good]) => ({
        name: `mode: ${bad} is an error fixed to ${good}`, code: svc('valkey@7.2', `mode: ${bad}`), hits: [bad], output: svc('valkey@7.2', `mode: ${good}`),
      })),
      { name: 'no obvious intent: both offered, neither preferred', code: svc('valkey@7.2', 'mode: turbo'), hits: ['turbo'], offers: [['Set mode to NON_HA', false], ['Set mode to HA', false]] },
      { name: 'a quoted "ha" is replaced inside its double quotes', code: svc('valkey@7.2', 'mode: "ha"'), hits: ['"ha"'], output: svc('valkey@7.2', 'mode: "HA"') },
      { name: 'a quoted \'ha\' is replaced inside its single quotes', code: svc('valkey@7.2', "mode: 'ha'"), hits: ["'ha'"], output: svc('valkey@7.2', "mode: 'HA'") },
    ],
  },
  'valkey-mode-missing': {
    valid: [svc('valkey@7.2', 'mode: NON_HA'), { name: 'composite types', code: svc('valkey:single@7.2') }, svc('valkey:ha@7.2')],
    invalid: [
      { name: 'legacy valkey@7.2 without mode: a warning on the type; add mode: NON_HA (preferred) indented like type', code: modeMissing, hits: [{ text: 'valkey@7.2', severity: 'warning' }], output: svc('valkey@7.2', 'mode: NON_HA', 'priority: 10') },
      { name: 'add mode: HA', code: modeMissing, hits: ['valkey@7.2'], fix: 'Add mode: HA', output: svc('valkey@7.2', 'mode: HA', 'priority: 10') },
      { name: 'convert to valkey:single@7.2', code: modeMissing, hits: ['valkey@7.2'], fix: 'Convert to valkey:single', output: svc('valkey:single@7.2', 'priority: 10') },
      {
        name: 'the inserted line goes after a trailing comment and keeps CRLF',
        code: 'services:\r\n  - hostname: cache\r\n    type: valkey@7.2 # the cache\r\n    priority: 10\r\n',
        hits: ['valkey@7.2'],
        output: 'services:\r\n  - hostname: cache\r\n    type: valkey@7.2 # the cache\r\n    mode: NON_HA\r\n    priority: 10\r\n',
      },
      { name: 'type opening the sequence item gets mode aligned with it', code: yaml('services:', '  - type: valkey@7.2', '    hostname: cache'), hits: ['valkey@7.2'], output: yaml('services:', '  - type: valkey@7.2', '    mode: NON_HA', '    hostname: cache') },
      { name: 'flow maps get `, mode: NON_HA`', code: yaml('services:', '  - { hostname: cache, type: valkey@7.2 }'), hits: ['valkey@7.2'], output: yaml('services:', '  - { hostname: cache, type: valkey@7.2, mode: NON_HA }') },
    ],
  },
  'valkey-mode-conflict': {
    valid: [svc('valkey:ha@7.2', 'mode: HA'), { name: 'a mode that is not a valid value', code: svc('valkey:single@7.2', 'mode: ha') }],
    invalid: [
      {
        name: 'valkey:single with mode: HA: an error on the value, pointing at the variant; no fix preferred',
        code: modeConflict,
        hits: [{ text: 'HA', related: ['single'] }],
        offers: [['Remove mode (keep valkey:single)', false], ['Change the type to valkey:ha', false]],
      },
      { name: 'remove mode takes its whole line', code: modeConflict, hits: ['HA'], fix: /^Remove mode/, output: svc('valkey:single@7.2', 'priority: 10') },
      { name: 'change the variant to match mode', code: modeConflict, hits: ['HA'], fix: /^Change the type/, output: svc('valkey:ha@7.2', 'mode: HA', 'priority: 10') },
    ],
  },
  'valkey-mode-redundant': {
    valid: [{ name: 'a legacy type with mode', code: svc('valkey@7.2', 'mode: HA') }, svc('valkey:ha@7.2')],
    invalid: [
      { name: 'agreeing mode next to a variant: a hint, tagged unnecessary, removed', code: svc('valkey:ha@7.2', 'mode: HA # keep', 'priority: 10'), hits: [{ text: 'mode: HA', severity: 'hint', tags: ['unnecessary'] }], output: svc('valkey:ha@7.2', 'priority: 10') },
      { name: 'a mode that opens the sequence item hands its dash to the next key', code: yaml('services:', '  - mode: NON_HA', '    hostname: cache', '    type: valkey:single@7.2'), hits: ['mode: NON_HA'], output: yaml('services:', '  - hostname: cache', '    type: valkey:single@7.2') },
      { name: 'flow map: the pair and its comma go', code: yaml('services:', '  - { hostname: cache, type: valkey:ha@7.2, mode: HA }'), hits: ['mode: HA'], output: yaml('services:', '  - { hostname: cache, type: valkey:ha@7.2 }') },
    ],
  },
  'valkey-replica-port': {
    valid: [
      { name: 'HA has replicas', code: ha('R: redis://default:${cache_password}@cache:7000', 'W: ${cache_connectionString}') },
      { name: 'an external host', code: single('R: redis://redis.example.com:7000') },
      { name: 'a port whose key does not say it is the cache\'s is the application\'s own', code: single('PORT: "7000"', 'URL: ${cache_connectionString}') },
      { name: 'a map that talks to no Valkey', code: single('PORT: "7000"') },
    ],
    invalid: [
      { name: 'port 7000 in a URL to a single node, fixed to 6379', code: single('REDIS_URL: redis://default:${cache_password}@${cache_hostname}:7000'), hits: ['7000'], output: single('REDIS_URL: redis://default:${cache_password}@${cache_hostname}:6379') },
      ...[['${cache_portReplicas}', '${cache_port}'], ['${cache_portTlsReplicas}', '${cache_portTls}'], ['${cache_connectionStringReplicas}', '${cache_connectionString}'], ['${cache_connectionTlsStringReplicas}', '${cache_connectionTlsString}']]
        .map(([from, to]) => ({ name: `${from} is fixed to its primary twin`, code: single(`R: ${from}`), hits: [from], output: single(`R: ${to}`) })),
      {
        name: 'a bare "7001" next to the Valkey hostname counts, and goes to 6380',
        code: wired(['type: valkey:single@7.2'], ['REDIS_HOST: ${cache_hostname}', 'REDIS_PASSWORD: ${cache_password}', 'REDIS_PORT: "7001"']),
        hits: ['7001'],
        output: wired(['type: valkey:single@7.2'], ['REDIS_HOST: ${cache_hostname}', 'REDIS_PASSWORD: ${cache_password}', 'REDIS_PORT: "6380"']),
      },
      { name: 'legacy valkey@7.2 without mode is single too; project vars and dotEnvSecrets are read', code: legacySingle, hits: ['7000', '7000'] },
      { name: 'a cache port beside a cache URL', code: single('CACHE_PORT: "7000"', 'URL: ${cache_connectionString}', 'DB: ${db_hostname}'), hits: ['7000'] },
    ],
  },
  'valkey-tls-internal': {
    valid: [single('U: ${cache_connectionString}', 'V: redis://default:${cache_password}@cache:6379'), { name: 'TLS to a host outside the project', code: single('U: rediss://default:secret@managed.example.com:6380') }],
    invalid: [
      { name: 'rediss:// on 6380 to a project hostname: a warning, fixed to redis:// on 6379', code: single('REDIS_URL: rediss://default:${cache_password}@cache:6380'), hits: [{ text: 'rediss://default:${cache_password}@cache:6380', severity: 'warning' }], output: single('REDIS_URL: redis://default:${cache_password}@cache:6379') },
      ...[['${cache_portTls}', '${cache_port}'], ['${cache_connectionTlsString}', '${cache_connectionString}']].map(([from, to]) => ({ name: `${from} is fixed to its plain twin`, code: single(`R: ${from}`), hits: [from], output: single(`R: ${to}`) })),
      { code: ha('R: ${cache_connectionTlsStringReplicas}', 'W: ${cache_connectionString}'), hits: ['${cache_connectionTlsStringReplicas}'], output: ha('R: ${cache_connectionStringReplicas}', 'W: ${cache_connectionString}') },
      { name: 'a rediss:// URL with a port variable changes scheme and variable', code: single('U: rediss://default:${cache_password}@${cache_hostname}:${cache_portTls}'), hits: ['rediss://default:${cache_password}@${cache_hostname}:${cache_portTls}'], output: single('U: redis://default:${cache_password}@${cache_hostname}:${cache_port}') },
    ],
  },
  'valkey-scheme-port': {
    valid: [single('U: rediss://default:${cache_password}@cache:6380', 'V: redis://default:${cache_password}@cache')],
    invalid: [
      { name: 'redis:// on the TLS port; the fix switches the scheme', code: single('U: redis://default:${cache_password}@cache:6380'), hits: ['redis://default:${cache_password}@cache:6380'], output: single('U: rediss://default:${cache_password}@cache:6380') },
      { name: 'rediss:// on a plain port', code: ha('U: rediss://default:${cache_password}@cache:7000', 'W: ${cache_connectionString}'), hits: ['rediss://default:${cache_password}@cache:7000'], output: ha('U: redis://default:${cache_password}@cache:7000', 'W: ${cache_connectionString}') },
      { name: 'an upper-case scheme on a port variable', code: single('U: REDISS://default:${cache_password}@cache:${cache_port}'), hits: ['REDISS://default:${cache_password}@cache:${cache_port}'] },
    ],
  },
  'valkey-replica-only': {
    valid: [
      { name: 'a read/write connection beside it', code: ha('R: ${cache_connectionStringReplicas}', 'W: ${cache_connectionString}') },
      {
        name: 'a read/write connection at project level',
        code: yaml('project:', '  name: p', '  envVariables:', '    REDIS_URL: ${cache_connectionString}', 'services:', '  - hostname: cache', '    type: valkey:ha@7.2', '  - hostname: api', '    type: nodejs@22', '    envSecrets:', '      READ_URL: ${cache_connectionStringReplicas}'),
      },
      { name: 'single nodes (valkey-replica-port covers them)', code: single('R: ${cache_connectionStringReplicas}') },
    ],
    invalid: [
      { name: 'the only connection is read-only; the fix moves it to 6379', code: ha('REDIS_URL: redis://default:${cache_password}@cache:7000'), hits: [{ text: 'redis://default:${cache_password}@cache:7000', message: /READONLY/ }], output: ha('REDIS_URL: redis://default:${cache_password}@cache:6379') },
      {
        name: 'host plus a read-only port counts as a read-only connection',
        code: ha('REDIS_HOST: ${cache_hostname}', 'REDIS_PORT: ${cache_portReplicas}', 'REDIS_PASSWORD: ${cache_password}'),
        hits: ['${cache_portReplicas}'],
        output: ha('REDIS_HOST: ${cache_hostname}', 'REDIS_PORT: ${cache_port}', 'REDIS_PASSWORD: ${cache_password}'),
      },
    ],
  },
  'valkey-no-auth': {
    valid: [
      ...[
        ['REDIS_HOST: ${cache_hostname}', 'REDIS_PASSWORD: ${cache_password}'],
        ['U: redis://default:${cache_password}@${cache_hostname}:6379'],
        ['U: ${cache_connectionString}', 'H: ${cache_hostname}'],
        ['U: redis://default:hunter2@cache:6379'],
      ].map((env) => ({ name: `the password in some form: ${env.join(' ')}`, code: single(...env) })),
      { name: 'KeyDB has no password', code: wired(['type: keydb@6', 'mode: NON_HA'], ['U: redis://${cache_hostname}:6379']) },
    ],
    invalid: [
      { name: 'a URL from hostname and port without the password; the fix uses connectionString', code: single('REDIS_URL: redis://${cache_hostname}:${cache_port}/0'), hits: [{ text: 'redis://${cache_hostname}:${cache_port}', message: /NOAUTH/ }], output: single('REDIS_URL: ${cache_connectionString}/0') },
      { name: '6380 -> connectionTlsString', code: single('U: rediss://cache.zerops:6380'), hits: ['rediss://cache.zerops:6380'], output: single('U: ${cache_connectionTlsString}') },
      { name: 'each URL of an HA service', code: ha('U: redis://cache:7000', 'W: redis://cache:6379'), hits: ['redis://cache:7000', 'redis://cache:6379'] },
      {
        name: 'a host/port pair: the one fix adds PREFIX_PASSWORD under the pair, not preferred',
        code: single('REDIS_HOST: ${cache_hostname}', 'REDIS_PORT: ${cache_port}', 'OTHER: x'),
        hits: ['${cache_hostname}'],
        offers: [['Add REDIS_PASSWORD: ${cache_password} (the application must read it)', false]],
        output: single('REDIS_HOST: ${cache_hostname}', 'REDIS_PORT: ${cache_port}', 'REDIS_PASSWORD: ${cache_password}', 'OTHER: x'),
      },
      { name: 'the prefix comes from the host\'s key, in its case; CRLF is kept', code: crlf(single('cache_host: ${cache_hostname}')), hits: ['${cache_hostname}'], output: crlf(single('cache_host: ${cache_hostname}', 'cache_password: ${cache_password}')) },
      ...[['HOST: ${cache_hostname}'], ['REDISHOST: ${cache_hostname}']].map((env) => ({ name: `no pair fix without a prefix: ${env.join()}`, code: single(...env), hits: ['${cache_hostname}'], noFix: true as const })),
      { name: 'no pair fix in a flow map', code: yaml('services:', '  - hostname: cache', '    type: valkey@7.2', '    mode: NON_HA', '  - hostname: api', '    type: nodejs@22', '    envSecrets: {REDIS_HOST: "${cache_hostname}"}'), hits: ['${cache_hostname}'], noFix: true },
      { name: 'no pair fix when the password key holds a literal', code: single('REDIS_HOST: ${cache_hostname}', 'REDIS_PASSWORD: hunter2'), hits: ['${cache_hostname}'], noFix: true },
    ],
  },
  'keydb-deprecated': {
    valid: [svc('valkey@7.2', 'mode: HA'), svc('valkey:ha@7.2')],
    invalid: [{
      name: 'keydb@6: an error, removed from the platform, dated; valkey@7.2 swapped in, mode kept',
      code: svc('keydb@6', 'mode: NON_HA'),
      hits: [{ text: 'keydb@6', severity: 'error', message: /KeyDB is removed from the platform: it is not in Zerops' catalogue of 2026-07-30/, tags: ['deprecated'] }],
      output: svc('valkey@7.2', 'mode: NON_HA'),
    }],
  },
  'valkey-profile': {
    valid: [svc('valkey:ha@7.2', 'profile: hobby', 'profileOverrides:', '  maxmemory-policy: noeviction'), { name: 'another service\'s profile', code: svc('postgresql:ha@18', 'profile: oltp-production') }],
    invalid: [
      { name: 'an unknown profile; a close typo is fixed', code: svc('valkey:ha@7.2', 'profile: producton'), hits: ['producton'], output: svc('valkey:ha@7.2', 'profile: production') },
      { name: 'no close match offers all three', code: svc('valkey:ha@7.2', 'profile: oltp-production'), hits: ['oltp-production'], offers: ['Change to hobby', 'Change to staging', 'Change to production'] },
      { name: 'an unknown maxmemory-policy: an error with the nearest value', code: profile('maxmemory-policy: allkeys-lr'), hits: [{ text: 'allkeys-lr', severity: 'error' }], output: profile('maxmemory-policy: allkeys-lru') },
      { name: 'another override key is only a warning', code: profile('maxmemory: 100mb'), hits: [{ text: 'maxmemory', severity: 'warning' }] },
    ],
  },
  'reference-unknown-variable': {
    valid: [{
      name: 'real variables, unknown hosts and types whose list is not confirmed',
      code: yaml('services:', '  - hostname: cache', '    type: valkey:single@7.2', '  - hostname: db', '    type: postgresql@16', '    mode: NON_HA', '  - hostname: api', '    type: nodejs@22', '    envSecrets:',
        '      A: ${cache_connectionString}', '      B: ${cache_serviceId}', '      C: ${db_user}', '      D: ${nowhere_user}', '      E: ${APP_URL}'),
    }],
    invalid: [
      { name: '${cache_user}: the fix writes the literal user default', code: single('U: redis://${cache_user}:${cache_password}@${cache_hostname}:6379'), hits: ['${cache_user}'], output: single('U: redis://default:${cache_password}@${cache_hostname}:6379') },
      ...['pasword', 'Password', 'passwrod'].map((typo) => ({ name: `\${cache_${typo}} is fixed to \${cache_password}`, code: single(`P: \${cache_${typo}}`), hits: [`\${cache_${typo}}`], output: single('P: ${cache_password}') })),
      { name: 'a name with no close match has no fix', code: single('P: ${cache_somethingElse}'), hits: ['${cache_somethingElse}'], noFix: true },
    ],
  },
};
