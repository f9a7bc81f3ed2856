import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixed, hits, lint, only, yaml } from './helpers';
import { ruleTester } from './rule-tester';

const svc = (type: string, ...more: string[]) => yaml('services:', '  - hostname: cache', `    type: ${type}`, ...more.map((l) => `    ${l}`));

/** A file with one Valkey service and one runtime whose envSecrets hold `env`. */
function wired(valkey: string[], env: string[]): string {
  return yaml(
    'services:',
    '  - hostname: cache',
    ...valkey.map((l) => `    ${l}`),
    '  - hostname: api',
    '    type: nodejs@22',
    '    envSecrets:',
    ...env.map((l) => `      ${l}`),
  );
}
const SINGLE = ['type: valkey@7.2', 'mode: NON_HA'];
const HA = ['type: valkey:ha@7.2'];

describe('valkey-version', () => {
  test('valkey@8 is an error on the version with a fix to valkey@7.2', () => {
    const text = svc('valkey@8', 'mode: HA');
    assert.deepEqual(hits(text, 'valkey-version'), ['8']);
    const f = only(text, 'valkey-version');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /serviceStackTypeNotFound/);
    assert.equal(fixed(text, 'valkey-version'), svc('valkey@7.2', 'mode: HA'));
    assert.deepEqual(hits(fixed(text, 'valkey-version'), 'valkey-version'), []);
    assert.equal(f.fixes?.[0].preferred, true);
  });

  test('a bare valkey type gets @7.2 appended', () => {
    const text = svc('valkey', 'mode: NON_HA');
    assert.deepEqual(hits(text, 'valkey-version'), ['valkey']);
    assert.equal(fixed(text, 'valkey-version'), svc('valkey@7.2', 'mode: NON_HA'));
    assert.equal(fixed(svc('valkey:single'), 'valkey-version'), svc('valkey:single@7.2'));
  });

  test('quotes survive the fix', () => {
    assert.equal(fixed(svc('"valkey@8"', 'mode: HA'), 'valkey-version'), svc('"valkey@7.2"', 'mode: HA'));
    assert.equal(fixed(svc("'valkey:ha@8' # cache"), 'valkey-version'), svc("'valkey:ha@7.2' # cache"));
  });

  test('silent on every spelling of 7.2 and on other types', () => {
    for (const t of ['valkey@7.2', 'valkey:single@7.2', 'valkey:ha@7.2', 'keydb@6', 'postgresql@16', 'alpine/nodejs@22']) {
      assert.deepEqual(hits(svc(t, 'mode: HA'), 'valkey-version'), [], t);
    }
  });
});

ruleTester('valkey-version', {
  invalid: [
    { name: 'the fix keeps the composite spelling: valkey:ha@8 -> valkey:ha@7.2', code: svc('valkey:ha@8'), hits: ['8'], output: svc('valkey:ha@7.2') },
    // Every other version is flagged: 7, 7.2.4, latest, 8.0.
    ...['7', '7.2.4', 'latest', '8.0'].map((v) => ({ code: svc(`valkey@${v}`, 'mode: HA'), hits: [v], output: svc('valkey@7.2', 'mode: HA') })),
  ],
});

describe('valkey-mode', () => {
  const cases: [string, string][] = [['ha', 'HA'], ['Ha', 'HA'], ['non-ha', 'NON_HA'], ['NONHA', 'NON_HA'], ['single', 'NON_HA'], ['non_ha', 'NON_HA']];
  for (const [bad, good] of cases) {
    test(`mode: ${bad} is an error fixed to ${good}`, () => {
      const text = svc('valkey@7.2', `mode: ${bad}`);
      assert.deepEqual(hits(text, 'valkey-mode'), [bad]);
      assert.equal(fixed(text, 'valkey-mode'), svc('valkey@7.2', `mode: ${good}`));
    });
  }

  test('a value with no obvious intent offers both, neither preferred', () => {
    const f = only(svc('valkey@7.2', 'mode: turbo'), 'valkey-mode');
    assert.deepEqual(f.fixes?.map((x) => [x.title, !!x.preferred]), [['Set mode to NON_HA', false], ['Set mode to HA', false]]);
  });

  test('a quoted "ha" is replaced inside its quotes: the author\'s quoting survives', () => {
    assert.equal(fixed(svc('valkey@7.2', 'mode: "ha"'), 'valkey-mode'), svc('valkey@7.2', 'mode: "HA"'));
    assert.equal(fixed(svc('valkey@7.2', "mode: 'ha'"), 'valkey-mode'), svc('valkey@7.2', "mode: 'HA'"));
  });

  test('silent on HA, NON_HA, quoted "HA", and on mode of other services', () => {
    for (const m of ['HA', 'NON_HA', '"HA"', "'NON_HA'"]) assert.deepEqual(hits(svc('valkey@7.2', `mode: ${m}`), 'valkey-mode'), [], m);
    assert.deepEqual(hits(svc('postgresql@16', 'mode: ha'), 'valkey-mode'), []);
  });
});

describe('valkey-mode-missing', () => {
  const text = svc('valkey@7.2', 'priority: 10');

  test('legacy valkey@7.2 without mode is a warning on the type', () => {
    assert.deepEqual(hits(text, 'valkey-mode-missing'), ['valkey@7.2']);
    assert.equal(only(text, 'valkey-mode-missing').severity, 'warning');
  });

  test('add mode: NON_HA (preferred) inserts a line indented like type', () => {
    assert.equal(fixed(text, 'valkey-mode-missing'), svc('valkey@7.2', 'mode: NON_HA', 'priority: 10'));
  });

  test('add mode: HA', () => {
    assert.equal(fixed(text, 'valkey-mode-missing', 'Add mode: HA'), svc('valkey@7.2', 'mode: HA', 'priority: 10'));
  });

  test('convert to valkey:single@7.2', () => {
    assert.equal(fixed(text, 'valkey-mode-missing', 'Convert to valkey:single'), svc('valkey:single@7.2', 'priority: 10'));
  });

  test('the inserted line goes after a trailing comment and keeps CRLF', () => {
    const crlf = 'services:\r\n  - hostname: cache\r\n    type: valkey@7.2 # the cache\r\n    priority: 10\r\n';
    assert.equal(fixed(crlf, 'valkey-mode-missing'), 'services:\r\n  - hostname: cache\r\n    type: valkey@7.2 # the cache\r\n    mode: NON_HA\r\n    priority: 10\r\n');
  });

  test('type opening the sequence item gets mode aligned with it', () => {
    const t = yaml('services:', '  - type: valkey@7.2', '    hostname: cache');
    assert.equal(fixed(t, 'valkey-mode-missing'), yaml('services:', '  - type: valkey@7.2', '    mode: NON_HA', '    hostname: cache'));
  });

  test('flow maps get `, mode: NON_HA`', () => {
    const t = yaml('services:', '  - { hostname: cache, type: valkey@7.2 }');
    assert.equal(fixed(t, 'valkey-mode-missing'), yaml('services:', '  - { hostname: cache, type: valkey@7.2, mode: NON_HA }'));
  });

  test('silent with a mode, and on composite types', () => {
    assert.deepEqual(hits(svc('valkey@7.2', 'mode: NON_HA'), 'valkey-mode-missing'), []);
    assert.deepEqual(hits(svc('valkey:single@7.2'), 'valkey-mode-missing'), []);
    assert.deepEqual(hits(svc('valkey:ha@7.2'), 'valkey-mode-missing'), []);
  });
});

describe('valkey-mode-conflict', () => {
  const text = svc('valkey:single@7.2', 'mode: HA', 'priority: 10');

  test('valkey:single with mode: HA is an error on the mode value', () => {
    assert.deepEqual(hits(text, 'valkey-mode-conflict'), ['HA']);
    const f = only(text, 'valkey-mode-conflict');
    assert.equal(f.related?.length, 1);
    assert.equal(text.slice(f.related![0].span.start, f.related![0].span.end), 'single');
  });

  test('fix: remove mode takes its whole line', () => {
    assert.equal(fixed(text, 'valkey-mode-conflict', /^Remove mode/), svc('valkey:single@7.2', 'priority: 10'));
  });

  test('fix: change the variant to match mode', () => {
    assert.equal(fixed(text, 'valkey-mode-conflict', /^Change the type/), svc('valkey:ha@7.2', 'mode: HA', 'priority: 10'));
  });

  test('no fix is marked preferred: which one the user meant is unknown', () => {
    assert.ok(only(text, 'valkey-mode-conflict').fixes?.every((f) => !f.preferred));
  });

  test('silent when they agree, or when mode is not a valid value', () => {
    assert.deepEqual(hits(svc('valkey:ha@7.2', 'mode: HA'), 'valkey-mode-conflict'), []);
    assert.deepEqual(hits(svc('valkey:single@7.2', 'mode: ha'), 'valkey-mode-conflict'), []);
  });
});

describe('valkey-mode-redundant', () => {
  test('agreeing mode next to a variant is a hint, tagged unnecessary, removed by its fix', () => {
    const text = svc('valkey:ha@7.2', 'mode: HA # keep', 'priority: 10');
    const f = only(text, 'valkey-mode-redundant');
    assert.equal(f.severity, 'hint');
    assert.deepEqual(f.tags, ['unnecessary']);
    assert.deepEqual(hits(text, 'valkey-mode-redundant'), ['mode: HA']);
    assert.equal(fixed(text, 'valkey-mode-redundant'), svc('valkey:ha@7.2', 'priority: 10'));
  });

  test('a mode that opens the sequence item hands its dash to the next key', () => {
    const text = yaml('services:', '  - mode: NON_HA', '    hostname: cache', '    type: valkey:single@7.2');
    assert.equal(fixed(text, 'valkey-mode-redundant'), yaml('services:', '  - hostname: cache', '    type: valkey:single@7.2'));
  });

  test('flow map: the pair and its comma go', () => {
    const text = yaml('services:', '  - { hostname: cache, type: valkey:ha@7.2, mode: HA }');
    assert.equal(fixed(text, 'valkey-mode-redundant'), yaml('services:', '  - { hostname: cache, type: valkey:ha@7.2 }'));
  });

  test('silent on legacy types with mode', () => {
    assert.deepEqual(hits(svc('valkey@7.2', 'mode: HA'), 'valkey-mode-redundant'), []);
  });
});

describe('valkey-replica-port', () => {
  test('port 7000 in a URL to a single-node Valkey is an error, fixed to 6379', () => {
    const text = wired(SINGLE, ['REDIS_URL: redis://default:${cache_password}@${cache_hostname}:7000']);
    assert.deepEqual(hits(text, 'valkey-replica-port'), ['7000']);
    assert.equal(fixed(text, 'valkey-replica-port'), wired(SINGLE, ['REDIS_URL: redis://default:${cache_password}@${cache_hostname}:6379']));
  });

  test('replica variables are fixed to their primary twins', () => {
    const pairs: [string, string][] = [
      ['${cache_portReplicas}', '${cache_port}'],
      ['${cache_portTlsReplicas}', '${cache_portTls}'],
      ['${cache_connectionStringReplicas}', '${cache_connectionString}'],
      ['${cache_connectionTlsStringReplicas}', '${cache_connectionTlsString}'],
    ];
    for (const [from, to] of pairs) {
      const text = wired(SINGLE, [`R: ${from}`]);
      assert.deepEqual(hits(text, 'valkey-replica-port'), [from]);
      assert.equal(fixed(text, 'valkey-replica-port'), wired(SINGLE, [`R: ${to}`]));
    }
  });

  test('a bare "7001" next to the Valkey hostname counts, and goes to 6380', () => {
    const text = wired(['type: valkey:single@7.2'], ['REDIS_HOST: ${cache_hostname}', 'REDIS_PASSWORD: ${cache_password}', 'REDIS_PORT: "7001"']);
    assert.deepEqual(hits(text, 'valkey-replica-port'), ['7001']);
    assert.equal(fixed(text, 'valkey-replica-port'), wired(['type: valkey:single@7.2'], ['REDIS_HOST: ${cache_hostname}', 'REDIS_PASSWORD: ${cache_password}', 'REDIS_PORT: "6380"']));
  });

  test('legacy valkey@7.2 without mode is single too; project vars and dotEnvSecrets are read', () => {
    const text = yaml(
      'project:',
      '  name: p',
      '  envVariables:',
      '    READ_URL: redis://default:${cache_password}@cache.zerops:7000',
      'services:',
      '  - hostname: cache',
      '    type: valkey@7.2',
      '  - hostname: api',
      '    type: nodejs@22',
      '    dotEnvSecrets: |',
      '      REDIS=redis://default:${cache_password}@cache:7000/0',
      '      # REDIS=redis://cache:7000',
    );
    assert.deepEqual(hits(text, 'valkey-replica-port'), ['7000', '7000']);
  });

  test('silent on HA, on external hosts, and on a map that talks to no Valkey', () => {
    assert.deepEqual(hits(wired(HA, ['R: redis://default:${cache_password}@cache:7000', 'W: ${cache_connectionString}']), 'valkey-replica-port'), []);
    assert.deepEqual(hits(wired(SINGLE, ['R: redis://redis.example.com:7000']), 'valkey-replica-port'), []);
    assert.deepEqual(hits(wired(SINGLE, ['CACHE_PORT: "7000"', 'URL: ${cache_connectionString}', 'DB: ${db_hostname}']), 'valkey-replica-port').length, 1);
    // A port whose key does not say it is the cache's is the application's own.
    assert.deepEqual(hits(wired(SINGLE, ['PORT: "7000"', 'URL: ${cache_connectionString}']), 'valkey-replica-port'), []);
    assert.deepEqual(hits(wired(SINGLE, ['PORT: "7000"']), 'valkey-replica-port'), []);
  });
});

describe('valkey-tls-internal', () => {
  test('rediss:// on 6380 to a project hostname is a warning, fixed to redis:// on 6379', () => {
    const text = wired(SINGLE, ['REDIS_URL: rediss://default:${cache_password}@cache:6380']);
    assert.deepEqual(hits(text, 'valkey-tls-internal'), ['rediss://default:${cache_password}@cache:6380']);
    assert.equal(only(text, 'valkey-tls-internal').severity, 'warning');
    assert.equal(fixed(text, 'valkey-tls-internal'), wired(SINGLE, ['REDIS_URL: redis://default:${cache_password}@cache:6379']));
  });

  test('TLS variables are fixed to their plain twins', () => {
    for (const [from, to] of [['${cache_portTls}', '${cache_port}'], ['${cache_connectionTlsString}', '${cache_connectionString}']]) {
      const text = wired(SINGLE, [`R: ${from}`]);
      assert.deepEqual(hits(text, 'valkey-tls-internal'), [from]);
      assert.equal(fixed(text, 'valkey-tls-internal'), wired(SINGLE, [`R: ${to}`]));
    }
    const ha = wired(HA, ['R: ${cache_connectionTlsStringReplicas}', 'W: ${cache_connectionString}']);
    assert.equal(fixed(ha, 'valkey-tls-internal'), wired(HA, ['R: ${cache_connectionStringReplicas}', 'W: ${cache_connectionString}']));
  });

  test('a rediss:// URL with a port variable changes scheme and variable', () => {
    const text = wired(SINGLE, ['U: rediss://default:${cache_password}@${cache_hostname}:${cache_portTls}']);
    assert.equal(fixed(text, 'valkey-tls-internal'), wired(SINGLE, ['U: redis://default:${cache_password}@${cache_hostname}:${cache_port}']));
  });

  test('silent on plain connections and on TLS to hosts outside the project', () => {
    assert.deepEqual(hits(wired(SINGLE, ['U: ${cache_connectionString}', 'V: redis://default:${cache_password}@cache:6379']), 'valkey-tls-internal'), []);
    assert.deepEqual(hits(wired(SINGLE, ['U: rediss://default:secret@managed.example.com:6380']), 'valkey-tls-internal'), []);
  });
});

describe('valkey-scheme-port', () => {
  test('redis:// on the TLS port is an error; the fix switches the scheme', () => {
    const text = wired(SINGLE, ['U: redis://default:${cache_password}@cache:6380']);
    assert.deepEqual(hits(text, 'valkey-scheme-port'), ['redis://default:${cache_password}@cache:6380']);
    assert.equal(fixed(text, 'valkey-scheme-port'), wired(SINGLE, ['U: rediss://default:${cache_password}@cache:6380']));
  });

  test('rediss:// on a plain port (6379, 7000) is an error too', () => {
    const text = wired(HA, ['U: rediss://default:${cache_password}@cache:7000', 'W: ${cache_connectionString}']);
    assert.equal(fixed(text, 'valkey-scheme-port'), wired(HA, ['U: redis://default:${cache_password}@cache:7000', 'W: ${cache_connectionString}']));
    assert.deepEqual(hits(wired(SINGLE, ['U: REDISS://default:${cache_password}@cache:${cache_port}']), 'valkey-scheme-port').length, 1);
  });

  test('silent when they match or the port is unknown', () => {
    assert.deepEqual(hits(wired(SINGLE, ['U: rediss://default:${cache_password}@cache:6380', 'V: redis://default:${cache_password}@cache']), 'valkey-scheme-port'), []);
  });
});

describe('valkey-replica-only', () => {
  test('a service whose only Valkey connection is read-only gets a warning; the fix moves it to 6379', () => {
    const text = wired(HA, ['REDIS_URL: redis://default:${cache_password}@cache:7000']);
    assert.deepEqual(hits(text, 'valkey-replica-only'), ['redis://default:${cache_password}@cache:7000']);
    assert.match(only(text, 'valkey-replica-only').message, /READONLY/);
    assert.equal(fixed(text, 'valkey-replica-only'), wired(HA, ['REDIS_URL: redis://default:${cache_password}@cache:6379']));
  });

  test('host plus a read-only port counts as a read-only connection', () => {
    const text = wired(HA, ['REDIS_HOST: ${cache_hostname}', 'REDIS_PORT: ${cache_portReplicas}', 'REDIS_PASSWORD: ${cache_password}']);
    assert.deepEqual(hits(text, 'valkey-replica-only'), ['${cache_portReplicas}']);
    assert.equal(fixed(text, 'valkey-replica-only'), wired(HA, ['REDIS_HOST: ${cache_hostname}', 'REDIS_PORT: ${cache_port}', 'REDIS_PASSWORD: ${cache_password}']));
  });

  test('silent when the service also has a read/write connection, here or at project level', () => {
    assert.deepEqual(hits(wired(HA, ['R: ${cache_connectionStringReplicas}', 'W: ${cache_connectionString}']), 'valkey-replica-only'), []);
    const project = yaml(
      'project:', '  name: p', '  envVariables:', '    REDIS_URL: ${cache_connectionString}',
      'services:', '  - hostname: cache', '    type: valkey:ha@7.2',
      '  - hostname: api', '    type: nodejs@22', '    envSecrets:', '      READ_URL: ${cache_connectionStringReplicas}',
    );
    assert.deepEqual(hits(project, 'valkey-replica-only'), []);
  });

  test('silent on single nodes (valkey-replica-port covers them)', () => {
    assert.deepEqual(hits(wired(SINGLE, ['R: ${cache_connectionStringReplicas}']), 'valkey-replica-only'), []);
  });
});

describe('valkey-no-auth', () => {
  test('a URL built from hostname and port without the password is a warning; the fix uses connectionString', () => {
    const text = wired(SINGLE, ['REDIS_URL: redis://${cache_hostname}:${cache_port}/0']);
    assert.deepEqual(hits(text, 'valkey-no-auth'), ['redis://${cache_hostname}:${cache_port}']);
    assert.match(only(text, 'valkey-no-auth').message, /NOAUTH/);
    assert.equal(fixed(text, 'valkey-no-auth'), wired(SINGLE, ['REDIS_URL: ${cache_connectionString}/0']));
  });

  test('the fix picks the variable of the endpoint: 6380 -> connectionTlsString, 7000 -> connectionStringReplicas', () => {
    assert.equal(fixed(wired(SINGLE, ['U: rediss://cache.zerops:6380']), 'valkey-no-auth'), wired(SINGLE, ['U: ${cache_connectionTlsString}']));
    const ha = wired(HA, ['U: redis://cache:7000', 'W: redis://cache:6379']);
    assert.deepEqual(hits(ha, 'valkey-no-auth'), ['redis://cache:7000', 'redis://cache:6379']);
  });

  test('a discrete host/port pair without a password: the fix adds PREFIX_PASSWORD under the pair, not preferred', () => {
    const text = wired(SINGLE, ['REDIS_HOST: ${cache_hostname}', 'REDIS_PORT: ${cache_port}', 'OTHER: x']);
    assert.deepEqual(hits(text, 'valkey-no-auth'), ['${cache_hostname}']);
    const f = only(text, 'valkey-no-auth');
    assert.equal(f.fixes?.length, 1);
    assert.notEqual(f.fixes?.[0].preferred, true);
    assert.match(f.fixes?.[0].title ?? '', /application must read it/);
    const after = fixed(text, 'valkey-no-auth');
    assert.equal(after, wired(SINGLE, ['REDIS_HOST: ${cache_hostname}', 'REDIS_PORT: ${cache_port}', 'REDIS_PASSWORD: ${cache_password}', 'OTHER: x']));
    assert.deepEqual(hits(after, 'valkey-no-auth'), []);
    // The prefix comes from the host's key, in its case; CRLF is kept.
    const lower = wired(SINGLE, ['cache_host: ${cache_hostname}']).replace(/\n/g, '\r\n');
    assert.equal(fixed(lower, 'valkey-no-auth'), wired(SINGLE, ['cache_host: ${cache_hostname}', 'cache_password: ${cache_password}']).replace(/\n/g, '\r\n'));
  });

  test('no pair fix without a prefix, in a flow map, or when the password key exists with a literal', () => {
    for (const env of [['HOST: ${cache_hostname}'], ['REDISHOST: ${cache_hostname}']]) {
      assert.deepEqual(only(wired(SINGLE, env), 'valkey-no-auth').fixes, [], env.join());
    }
    const flow = yaml('services:', '  - hostname: cache', '    type: valkey@7.2', '    mode: NON_HA', '  - hostname: api', '    type: nodejs@22', '    envSecrets: {REDIS_HOST: "${cache_hostname}"}');
    assert.deepEqual(only(flow, 'valkey-no-auth').fixes, []);
    assert.deepEqual(only(wired(SINGLE, ['REDIS_HOST: ${cache_hostname}', 'REDIS_PASSWORD: hunter2']), 'valkey-no-auth').fixes, []);
  });

  test('silent when the password is there in any form', () => {
    for (const env of [
      ['REDIS_HOST: ${cache_hostname}', 'REDIS_PASSWORD: ${cache_password}'],
      ['U: redis://default:${cache_password}@${cache_hostname}:6379'],
      ['U: ${cache_connectionString}', 'H: ${cache_hostname}'],
      ['U: redis://default:hunter2@cache:6379'],
    ]) assert.deepEqual(hits(wired(SINGLE, env), 'valkey-no-auth'), [], env.join(' '));
  });

  test('silent on KeyDB, which has no password', () => {
    assert.deepEqual(hits(wired(['type: keydb@6', 'mode: NON_HA'], ['U: redis://${cache_hostname}:6379']), 'valkey-no-auth'), []);
  });
});

describe('keydb-deprecated', () => {
  test('keydb@6 is an error (removed from the platform, dated); the fix swaps in valkey@7.2 and keeps mode', () => {
    const text = svc('keydb@6', 'mode: NON_HA');
    const f = only(text, 'keydb-deprecated');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /KeyDB is removed from the platform: it is not in Zerops' catalogue of 2026-07-30/);
    assert.deepEqual(f.tags, ['deprecated']);
    assert.deepEqual(hits(text, 'keydb-deprecated'), ['keydb@6']);
    assert.equal(fixed(text, 'keydb-deprecated'), svc('valkey@7.2', 'mode: NON_HA'));
  });

  test('silent on valkey', () => {
    assert.deepEqual(hits(svc('valkey@7.2', 'mode: HA'), 'keydb-deprecated'), []);
  });
});

describe('valkey-profile', () => {
  test('an unknown profile is an error; a close typo is fixed', () => {
    const text = svc('valkey:ha@7.2', 'profile: producton');
    assert.deepEqual(hits(text, 'valkey-profile'), ['producton']);
    assert.equal(fixed(text, 'valkey-profile'), svc('valkey:ha@7.2', 'profile: production'));
  });

  test('a profile with no close match offers all three', () => {
    const f = only(svc('valkey:ha@7.2', 'profile: oltp-production'), 'valkey-profile');
    assert.deepEqual(f.fixes?.map((x) => x.title), ['Change to hobby', 'Change to staging', 'Change to production']);
  });

  test('an unknown maxmemory-policy is an error with the nearest value', () => {
    const text = svc('valkey:ha@7.2', 'profile: production', 'profileOverrides:', '  maxmemory-policy: allkeys-lr');
    assert.deepEqual(hits(text, 'valkey-profile'), ['allkeys-lr']);
    assert.equal(only(text, 'valkey-profile').severity, 'error');
    assert.equal(fixed(text, 'valkey-profile'), svc('valkey:ha@7.2', 'profile: production', 'profileOverrides:', '  maxmemory-policy: allkeys-lru'));
  });

  test('another override key is only a warning', () => {
    const text = svc('valkey:ha@7.2', 'profile: production', 'profileOverrides:', '  maxmemory: 100mb');
    const f = only(text, 'valkey-profile');
    assert.equal(f.severity, 'warning');
    assert.deepEqual(hits(text, 'valkey-profile'), ['maxmemory']);
  });

  test('silent on valid values and on other services\' profiles', () => {
    assert.deepEqual(hits(svc('valkey:ha@7.2', 'profile: hobby', 'profileOverrides:', '  maxmemory-policy: noeviction'), 'valkey-profile'), []);
    assert.deepEqual(hits(svc('postgresql:ha@18', 'profile: oltp-production'), 'valkey-profile'), []);
  });
});

describe('reference-unknown-variable (Valkey)', () => {
  test('${cache_user} is an error; the fix writes the literal user default', () => {
    const text = wired(SINGLE, ['U: redis://${cache_user}:${cache_password}@${cache_hostname}:6379']);
    assert.deepEqual(hits(text, 'reference-unknown-variable'), ['${cache_user}']);
    assert.equal(fixed(text, 'reference-unknown-variable'), wired(SINGLE, ['U: redis://default:${cache_password}@${cache_hostname}:6379']));
  });

  test('${cache_pasword} and ${cache_Password} are fixed to ${cache_password}', () => {
    for (const typo of ['pasword', 'Password', 'passwrod']) {
      const text = wired(SINGLE, [`P: \${cache_${typo}}`]);
      assert.equal(fixed(text, 'reference-unknown-variable'), wired(SINGLE, ['P: ${cache_password}']), typo);
    }
  });

  test('a name with no close match has no fix', () => {
    assert.deepEqual(only(wired(SINGLE, ['P: ${cache_somethingElse}']), 'reference-unknown-variable').fixes, []);
  });

  test('silent on real variables, unknown hosts and types whose list is not confirmed', () => {
    const text = yaml(
      'services:', '  - hostname: cache', '    type: valkey:single@7.2', '  - hostname: db', '    type: postgresql@16', '    mode: NON_HA',
      '  - hostname: api', '    type: nodejs@22', '    envSecrets:',
      '      A: ${cache_connectionString}', '      B: ${cache_serviceId}', '      C: ${db_user}', '      D: ${nowhere_user}', '      E: ${APP_URL}',
    );
    assert.deepEqual(hits(text, 'reference-unknown-variable'), []);
  });
});

describe('the correct file', () => {
  test('valkey@7.2 + mode: HA wired through ${cache_connectionString} raises nothing', () => {
    const text = yaml(
      'project:', '  name: demo', '  envVariables:', '    REDIS_URL: ${cache_connectionString}',
      'services:', '  - hostname: cache', '    type: valkey@7.2', '    mode: HA',
      '  - hostname: api', '    type: nodejs@22', '    envSecrets:',
      '      REDIS_URL: ${cache_connectionString}', '      REDIS_READ_URL: ${cache_connectionStringReplicas}',
    );
    assert.deepEqual(lint(text), []);
  });
});
