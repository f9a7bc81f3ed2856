import { yaml } from '../helpers';
import type { RuleCases, RuleTable } from '../rule-tester';

// Issue 15's classes of false alarm (precision.test.ts keeps the detectors and the readers): the real
// case, look-alikes that stay silent, and the cases that must still be reported.

/** One Valkey service (`valkey` lines) and a runtime whose envSecrets hold `env`. */
function wired(env: string[], valkey = ['type: valkey@7.2', 'mode: NON_HA'], host = 'cache'): string {
  return yaml('services:', `  - hostname: ${host}`, ...valkey.map((l) => `    ${l}`), '  - hostname: api', '    type: nodejs@22', '    envSecrets:', ...env.map((l) => `      ${l}`));
}
const HA = ['type: valkey:ha@7.2'];

// A bare port is the cache's only with evidence in its key: the three port rules stay silent on these.
const cacheImport = [{ fileName: 'import.yaml', text: yaml('services:', '  - hostname: cache', '    type: valkey:single@7.2', '  - hostname: app', '    type: nodejs@22') }];
const run = (...env: string[]) => yaml('zerops:', '  - setup: app', '    run:', '      base: nodejs@22', '      envVariables:', ...env.map((l) => `        ${l}`));
const OWN_PORTS = [
  ['CACHE_URL: ${cache_connectionString}', 'ADMIN_PORT: 7001'],
  ['CACHE_URL: ${cache_connectionString}', 'PORT: "7000"'],
  ['HOST: ${cache_hostname}', 'PASSWORD: ${cache_password}', 'METRICS_PORT: "7001"'],
  ['REDIS_HOST: ${cache_hostname}', 'REDIS_PASSWORD: ${cache_password}', 'GRPC_PORT: "7000"'],
  ['SESSION_STORE: ${cache_connectionString}', 'SCHEDULER_PORT: 7000', 'WORKER_PORT: "7001"'],
  ['REDIS_URL: ${cache_connectionString}', 'CACHED_PAGES_PORT: "7000"'],
];
const ownPorts = [
  { name: 'the real case: CONTROL_PORT "7000" beside ${cache_hostname} is the application\'s own port', code: wired(['REDIS_HOST: ${cache_hostname}', 'REDIS_PASSWORD: ${cache_password}', 'CONTROL_PORT: "7000"']) },
  { name: 'the real layout: a zerops.yml beside an import file defining the cache', filename: 'zerops.yml', workspace: cacheImport, code: run('CACHE_HOST: ${cache_hostname}', 'CACHE_PASSWORD: ${cache_password}', 'CONTROL_PORT: "7000"', 'GOSSIP_PORT: "7001"') },
  ...OWN_PORTS.flatMap((env) => [{ name: `another key's port: ${env.join(' ')}`, code: wired(env) }, { name: `HA, another key's port: ${env.join(' ')}`, code: wired(env, HA) }]),
];
const singlePort = wired(['REDIS_HOST: ${cache_hostname}', 'REDIS_PASSWORD: ${cache_password}', 'REDIS_PORT: "7001"']);
const store = wired(['STORE_HOST: ${kv_hostname}', 'STORE_PASSWORD: ${kv_password}', 'STORE_PORT: "7000"'], undefined, 'kv');
const cachePort7001 = { filename: 'zerops.yml', workspace: cacheImport, code: run('CACHE_HOST: ${cache_hostname}', 'CACHE_PASSWORD: ${cache_password}', 'CACHE_PORT: "7001"') };

// Preprocessor escapes: YAML sees the text as the preprocessor leaves it.
const file = (first: string, ...env: string[]) => yaml(first, 'services:', '  - hostname: api', '    type: nodejs@22', '    envSecrets:', ...env.map((l) => `      ${l}`));

// The preprocessor directive: one reading; near misses are warnings that say what differs.
const body = yaml('services:', '  - hostname: api', '    type: nodejs@22', '    envSecrets:', '      K: <@generateRandomString(<32>)>');
const modeline = (directive: string) => `${directive}\r\n${body.replace(/\n/g, '\r\n')}`;
const off: RuleCases['invalid'] = [
  { name: 'no directive', code: body, hits: [{ text: '<@generateRandomString(<32>)>', severity: 'error', message: /preprocessor is off/ }] },
  { name: 'an explicit "=off"', code: `#yamlPreprocessor=off\n${body}`, hits: [{ text: '<@generateRandomString(<32>)>', severity: 'error', message: /preprocessor is off/ }] },
  { name: 'the directive below the first content', code: body.replace('services:', 'services:\n#yamlPreprocessor=on'), hits: [{ text: '<@generateRandomString(<32>)>', severity: 'error', message: /preprocessor is off/ }] },
];

export const PRECISION: RuleTable = {
  'valkey-replica-port': {
    valid: ownPorts,
    invalid: [
      { name: 'the real layout: CACHE_PORT 7001 names the cache', ...cachePort7001, hits: ['7001'] },
      ...[['REDIS_PORT', 'cache'], ['VALKEY_READ_PORT', 'cache'], ['cachePort', 'cache'], ['KV_PORT', 'kv'], ['KEYDB_PORT', 'cache']]
        .map(([key, host]) => ({ name: `the key names the cache: ${key}`, code: wired([`URL: \${${host}_connectionString}`, `${key}: "7000"`], undefined, host), hits: ['7000'] })),
      { name: 'the key shares its prefix with the key holding the cache\'s hostname (STORE_HOST with STORE_PORT)', code: store, hits: ['7000'], output: store.replace('"7000"', '"6379"') },
      { name: 'a URL keeps its behaviour whatever the key is called', code: wired(['CONTROL: redis://default:${cache_password}@cache:7000']), hits: ['7000'] },
      { name: 'a ${…} reference keeps its behaviour whatever the key is called', code: wired(['CONTROL_PORT: ${cache_portReplicas}', 'P: ${cache_password}']), hits: ['${cache_portReplicas}'] },
    ],
  },
  'valkey-tls-internal': {
    valid: ownPorts,
    invalid: [
      { name: 'the real layout: CACHE_PORT 7001 names the cache', ...cachePort7001, hits: ['7001'] },
      { name: '7001 on a single node: the message names the plain primary port, not 7000', code: singlePort, hits: [{ text: '7001', message: [/plain text: here that is port 6379\./, /^(?![\s\S]*7000)/] }], output: singlePort.replace('"7001"', '"6379"') },
      {
        name: 'on HA, 7001\'s plain twin really is 7000, and the message says what that port is',
        code: wired(['REDIS_HOST: ${cache_hostname}', 'REDIS_PASSWORD: ${cache_password}', 'REDIS_PORT: "7001"', 'W: ${cache_connectionString}'], HA),
        hits: [{ text: '7001', message: /port 7000, the replicas' plain-text port/ }],
      },
    ],
  },
  'valkey-replica-only': {
    valid: [...ownPorts, { name: 'the real layout: CACHE_PORT 7001 on a single node', ...cachePort7001 }],
  },
  'yaml-syntax': {
    valid: [
      { name: 'the real case: "\\<b\\>" in a preprocessor file', code: file('#yamlPreprocessor=on', 'MOTD: "\\<b\\>hi\\</b\\>"', 'K: <@generateRandomString(<32>)>') },
      ...['"a\\|b"', "'x\\<y\\>'", 'plain \\<tag\\> text', '"C:\\\\\\\\dir"', '"\\\\n"', '"\\<@notCalled\\>"'].map((source) => ({ name: `an escape the preprocessor removes: ${source}`, code: file('#zeropsPreprocessor=on', `V: ${source}`) })),
    ],
    invalid: [
      { name: 'an escape YAML rejects', code: file('#yamlPreprocessor=on', 'V: "\\q"'), hits: ['\\'] },
      { name: 'the same escapes with the preprocessor off', code: file('# no directive', 'V: "\\<b\\>"'), hits: ['\\', '\\'] },
      { name: 'the preprocessor runs over import files only: a zerops.yml keeps YAML\'s reading', filename: 'zerops.yml', code: yaml('#yamlPreprocessor=on', 'zerops:', '  - setup: app', '    run:', '      base: nodejs@22', '      envVariables:', '        V: "\\<b\\>"'), hits: ['\\', '\\'] },
    ],
  },
  'preprocessor-directive': {
    valid: [
      ...['#yamlPreprocessor=on', '#zeropsPreprocessor=on', '#yamlPreprocessor=on  ', '\uFEFF#zeropsPreprocessor=on'].map((first) => ({ name: `a documented form: ${JSON.stringify(first)}`, code: `${first}\n${body}` })),
      { name: 'a near miss in a file with no expression', code: `# zeropsPreprocessor=true\n${body.replace('<@generateRandomString(<32>)>', 'plain')}` },
    ],
    invalid: [
      {
        name: 'the official recipe\'s "# zeropsPreprocessor=true": a warning naming each difference, fixed in place',
        code: `# zeropsPreprocessor=true\n${body}`,
        hits: [{ text: '# zeropsPreprocessor=true', severity: 'warning', message: [/space after "#"/, /the value is "true", not "on"/, /#yamlPreprocessor=on or #zeropsPreprocessor=on, exactly, as the first line/, /not known/] }],
        output: `#zeropsPreprocessor=on\n${body}`,
      },
      {
        name: 'the directive on line 2 under a modeline: moved to line 1, CRLF kept',
        code: modeline('# yaml-language-server: $schema=https://example.com/s.json\r\n#yamlPreprocessor=on'),
        hits: [{ text: '#yamlPreprocessor=on', message: /it is on line 2, not line 1/ }],
        output: modeline('#yamlPreprocessor=on\r\n# yaml-language-server: $schema=https://example.com/s.json'),
      },
      ...([['#YamlPreprocessor=on', /not spelled "yamlPreprocessor"/], ['#zeropsPreprocessor = on', /spaces around "="/], ['  #yamlPreprocessor=on', /indented/]] as const)
        .map(([line, why]) => ({ name: `a near miss: ${line}`, code: `${line}\n${body}`, hits: [{ text: line, severity: 'warning' as const, message: why }] })),
      ...off!,
    ],
  },
  'secret-literal': {
    invalid: [{
      name: 'with a near-miss directive present the fix adds no second directive',
      code: `# zeropsPreprocessor=true\n${yaml('services:', '  - hostname: api', '    type: nodejs@22', '    envSecrets:', '      APP_KEY: q8Zr2LmX4vT9wKp3Nc7Yb1Hd6Fg5Js0A')}`,
      hits: ['q8Zr2LmX4vT9wKp3Nc7Yb1Hd6Fg5Js0A'],
      output: `# zeropsPreprocessor=true\n${yaml('services:', '  - hostname: api', '    type: nodejs@22', '    envSecrets:', '      APP_KEY: <@generateRandomString(<32>)>')}`,
    }],
  },
};
