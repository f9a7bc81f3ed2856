import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readDirective } from '../server/src/model/directive';
import { classify } from '../server/src/model/kind';
import { parseZerops } from '../server/src/model/parse';
import { looksRandom, namesSecret, tokenShape } from '../server/src/rules/secrets';
import { IncrementalChecker } from '../server/src/service/check/incremental';
import { runRules } from '../server/src/service/check/validate';
import { indexWorkspace } from '../server/src/service/workspace';
import { fixed, hits, lint, only, yaml } from './helpers';

// Issue 15: alarms a Zerops engineer would dismiss at a glance, seen on real files. Each class has the
// real-looking example, look-alikes that must stay silent, and the cases that must still be reported.

/** One Valkey service (`valkey` lines) and a runtime whose envSecrets hold `env`. */
function wired(env: string[], valkey = ['type: valkey@7.2', 'mode: NON_HA'], host = 'cache'): string {
  return yaml('services:', `  - hostname: ${host}`, ...valkey.map((l) => `    ${l}`), '  - hostname: api', '    type: nodejs@22', '    envSecrets:', ...env.map((l) => `      ${l}`));
}
const HA = ['type: valkey:ha@7.2'];
const PORT_RULES = ['valkey-replica-port', 'valkey-tls-internal', 'valkey-replica-only'];
const portFindings = (text: string) => lint(text).filter((f) => PORT_RULES.includes(f.rule)).map((f) => `${f.rule}: ${text.slice(f.span.start, f.span.end)}`);

describe('a bare port is the cache\'s only with evidence in its key', () => {
  test('the real case: CONTROL_PORT "7000" beside ${cache_hostname} is the application\'s own port', () => {
    assert.deepEqual(portFindings(wired(['REDIS_HOST: ${cache_hostname}', 'REDIS_PASSWORD: ${cache_password}', 'CONTROL_PORT: "7000"'])), []);
  });

  test('the real layout: a zerops.yml run section beside an import file defining the cache', () => {
    const importText = yaml('services:', '  - hostname: cache', '    type: valkey:single@7.2', '  - hostname: app', '    type: nodejs@22');
    const run = (env: string[]) => yaml('zerops:', '  - setup: app', '    run:', '      base: nodejs@22', '      envVariables:', ...env.map((l) => `        ${l}`));
    const index = indexWorkspace([{ fileName: 'import.yaml', text: importText }]);
    const check = (text: string) => lint(text, 'zerops.yml', { external: index.servicesFor('zerops.yml') })
      .filter((f) => PORT_RULES.includes(f.rule)).map((f) => `${f.rule}: ${text.slice(f.span.start, f.span.end)}`);
    assert.deepEqual(check(run(['CACHE_HOST: ${cache_hostname}', 'CACHE_PASSWORD: ${cache_password}', 'CONTROL_PORT: "7000"', 'GOSSIP_PORT: "7001"'])), []);
    assert.deepEqual(check(run(['CACHE_HOST: ${cache_hostname}', 'CACHE_PASSWORD: ${cache_password}', 'CACHE_PORT: "7001"'])), ['valkey-replica-port: 7001', 'valkey-tls-internal: 7001']);
  });

  test('look-alikes: other keys holding 7000 or 7001 next to a cache connection stay silent', () => {
    for (const env of [
      ['CACHE_URL: ${cache_connectionString}', 'ADMIN_PORT: 7001'],
      ['CACHE_URL: ${cache_connectionString}', 'PORT: "7000"'],
      ['HOST: ${cache_hostname}', 'PASSWORD: ${cache_password}', 'METRICS_PORT: "7001"'],
      ['REDIS_HOST: ${cache_hostname}', 'REDIS_PASSWORD: ${cache_password}', 'GRPC_PORT: "7000"'],
      ['SESSION_STORE: ${cache_connectionString}', 'SCHEDULER_PORT: 7000', 'WORKER_PORT: "7001"'],
      ['REDIS_URL: ${cache_connectionString}', 'CACHED_PAGES_PORT: "7000"'],
    ]) {
      assert.deepEqual(portFindings(wired(env)), [], env.join(' '));
      assert.deepEqual(portFindings(wired(env, HA)), [], `HA: ${env.join(' ')}`);
    }
  });

  test('the key names the cache: its hostname, or redis/valkey/keydb/cache as a word', () => {
    for (const [key, host] of [['REDIS_PORT', 'cache'], ['VALKEY_READ_PORT', 'cache'], ['cachePort', 'cache'], ['KV_PORT', 'kv'], ['KEYDB_PORT', 'cache']]) {
      const text = wired([`URL: \${${host}_connectionString}`, `${key}: "7000"`], undefined, host);
      assert.deepEqual(hits(text, 'valkey-replica-port'), ['7000'], key);
    }
  });

  test('the key shares its prefix with the key holding the cache\'s hostname (STORE_HOST with STORE_PORT)', () => {
    const text = wired(['STORE_HOST: ${kv_hostname}', 'STORE_PASSWORD: ${kv_password}', 'STORE_PORT: "7000"'], undefined, 'kv');
    assert.deepEqual(hits(text, 'valkey-replica-port'), ['7000']);
    assert.equal(fixed(text, 'valkey-replica-port'), text.replace('"7000"', '"6379"'));
  });

  test('7001 on a single node: the TLS message names the plain primary port, not 7000', () => {
    const text = wired(['REDIS_HOST: ${cache_hostname}', 'REDIS_PASSWORD: ${cache_password}', 'REDIS_PORT: "7001"']);
    const tls = only(text, 'valkey-tls-internal');
    assert.match(tls.message, /plain text: here that is port 6379\./);
    assert.doesNotMatch(tls.message, /7000/);
    assert.equal(fixed(text, 'valkey-tls-internal'), text.replace('"7001"', '"6379"'));
    // On HA, 7001's plain twin really is 7000, and the message says what that port is.
    const ha = wired(['REDIS_HOST: ${cache_hostname}', 'REDIS_PASSWORD: ${cache_password}', 'REDIS_PORT: "7001"', 'W: ${cache_connectionString}'], HA);
    assert.match(only(ha, 'valkey-tls-internal').message, /port 7000, the replicas' plain-text port/);
  });

  test('URLs and ${…} references keep their behaviour whatever the key is called', () => {
    assert.deepEqual(hits(wired(['CONTROL: redis://default:${cache_password}@cache:7000']), 'valkey-replica-port'), ['7000']);
    assert.deepEqual(hits(wired(['CONTROL_PORT: ${cache_portReplicas}', 'P: ${cache_password}']), 'valkey-replica-port'), ['${cache_portReplicas}']);
  });
});

describe('secret-literal\'s detectors (the rule\'s cases: test/rules/secrets.ts)', () => {
  test('looksRandom: model names, images, release names are not random', () => {
    for (const v of ['claude-3-sonnet-20240229', 'gpt-4o-mini-2024-07-18', 'ghcr.io/acme/api-server:1.4.2', 'release-2024.02.29-rc1']) assert.equal(looksRandom(v), false, v);
  });

  test('a key that names a secret: keyword words, whatever the case, never the public side', () => {
    for (const k of ['APP_KEY', 'apiKey', 'JWT_SECRET', 'DB_PASSWORD', 'SMTP_PASSWD', 'MYSQL_PWD', 'SENTRY_DSN', 'AUTH_SALT', 'WEBHOOK_SIGNATURE', 'GCP_CREDENTIALS', 'PRIVATE_PEM']) {
      assert.equal(namesSecret(k), true, k);
    }
    for (const k of ['ANTHROPIC_MODEL', 'MONKEY', 'KEYCLOAK_REALM', 'PUBLIC_KEY', 'STRIPE_PUBLISHABLE_KEY', 'TOKEN_TTL', 'API_KEY_ID', 'AUTHOR']) {
      assert.equal(namesSecret(k), false, k);
    }
  });

  test('well-known token formats', () => {
    for (const token of ['ghp_Zq8r2LmX4vT9wKp3Nc7Yb1Hd6Fg5Js0Aa1B2', 'glpat-Zq8r2LmX4vT9wKp3Nc7Y', 'AKIAZ7VR4TY8WL3NB6CF', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'sk_live_Zq8r2LmX4vT9wKp3Nc7Yb1Hd6', 'xoxb-1234567890-Zq8r2LmX4vT9wKp3']) {
      assert.ok(tokenShape(token), token);
    }
    assert.equal(tokenShape('sk-some-long-words-joined-by-dashes-here-and-more'), undefined);
  });
});

describe('preprocessor escapes: YAML sees the text as the preprocessor leaves it', () => {
  const file = (first: string, ...env: string[]) => yaml(first, 'services:', '  - hostname: api', '    type: nodejs@22', '    envSecrets:', ...env.map((l) => `      ${l}`));

  test('the real case: "\\<b\\>" in a preprocessor file is valid, and the value is read unescaped', () => {
    const text = file('#yamlPreprocessor=on', 'MOTD: "\\<b\\>hi\\</b\\>"', 'K: <@generateRandomString(<32>)>');
    assert.deepEqual(hits(text, 'yaml-syntax'), []);
    const entry = parseZerops(text, { fileName: 'import.yaml' }).envMaps[0].entries[0];
    assert.equal(entry.value, '<b>hi</b>');
    // Ranges still point into what the user wrote.
    assert.equal(text.slice(entry.valueSpan.start, entry.valueSpan.end), '"\\<b\\>hi\\</b\\>"');
  });

  test('look-alikes: every escape in plain, single- and double-quoted scalars parses as the preprocessor leaves it', () => {
    const cases: [string, string][] = [
      ['"a\\|b"', 'a|b'],
      ["'x\\<y\\>'", 'x<y>'],
      ['plain \\<tag\\> text', 'plain <tag> text'],
      ['"C:\\\\\\\\dir"', 'C:\\dir'],
      ['"\\\\n"', '\n'],
      ['"\\<@notCalled\\>"', '<@notCalled>'],
    ];
    for (const [source, value] of cases) {
      const text = file('#zeropsPreprocessor=on', `V: ${source}`);
      assert.deepEqual(hits(text, 'yaml-syntax'), [], source);
      assert.equal(parseZerops(text, { fileName: 'import.yaml' }).envMaps[0].entries[0].value, value, source);
    }
  });

  test('the incremental checker gives what a whole check gives on a file with escapes, across edits', () => {
    const checker = new IncrementalChecker({ fileName: 'import.yaml' });
    let text = file('#yamlPreprocessor=on', 'A: "\\<b\\>"', 'B: x');
    for (const next of [text, text.replace('B: x', 'B: "\\|"'), text.replace('#yamlPreprocessor=on', '# off'), text]) {
      text = next;
      assert.equal(JSON.stringify(checker.check(text).findings), JSON.stringify(runRules(parseZerops(text, { fileName: 'import.yaml' }))));
    }
  });

  test('still reported: an escape YAML rejects, the same escapes with the preprocessor off, and in a zerops.yml', () => {
    assert.equal(hits(file('#yamlPreprocessor=on', 'V: "\\q"'), 'yaml-syntax').length, 1);
    assert.equal(hits(file('# no directive', 'V: "\\<b\\>"'), 'yaml-syntax').length, 2);
    // The preprocessor runs over import files only: a zerops.yml keeps YAML's reading.
    const zyml = yaml('#yamlPreprocessor=on', 'zerops:', '  - setup: app', '    run:', '      base: nodejs@22', '      envVariables:', '        V: "\\<b\\>"');
    assert.equal(hits(zyml, 'yaml-syntax', 'zerops.yml').length, 2);
  });
});

describe('preprocessor directive: one reading, near misses are warnings that say what differs', () => {
  const body = yaml('services:', '  - hostname: api', '    type: nodejs@22', '    envSecrets:', '      K: <@generateRandomString(<32>)>');

  test('the official recipe\'s "# zeropsPreprocessor=true": a warning naming each difference, fixed in place', () => {
    const text = `# zeropsPreprocessor=true\n${body}`;
    const f = only(text, 'preprocessor-directive');
    assert.equal(f.severity, 'warning');
    assert.deepEqual(hits(text, 'preprocessor-directive'), ['# zeropsPreprocessor=true']);
    assert.match(f.message, /space after "#"/);
    assert.match(f.message, /the value is "true", not "on"/);
    assert.match(f.message, /#yamlPreprocessor=on or #zeropsPreprocessor=on, exactly, as the first line/);
    assert.match(f.message, /not known/);
    assert.equal(fixed(text, 'preprocessor-directive'), `#zeropsPreprocessor=on\n${body}`);
  });

  test('the directive on line 2 under a modeline: moved to line 1, CRLF kept', () => {
    const text = `# yaml-language-server: $schema=https://example.com/s.json\r\n#yamlPreprocessor=on\r\n${body.replace(/\n/g, '\r\n')}`;
    assert.match(only(text, 'preprocessor-directive').message, /it is on line 2, not line 1/);
    assert.equal(fixed(text, 'preprocessor-directive'), `#yamlPreprocessor=on\r\n# yaml-language-server: $schema=https://example.com/s.json\r\n${body.replace(/\n/g, '\r\n')}`);
  });

  test('more near misses: wrong case, spaces around "=", indented', () => {
    for (const [line, why] of [['#YamlPreprocessor=on', /not spelled "yamlPreprocessor"/], ['#zeropsPreprocessor = on', /spaces around "="/], ['  #yamlPreprocessor=on', /indented/]] as const) {
      const f = only(`${line}\n${body}`, 'preprocessor-directive');
      assert.equal(f.severity, 'warning', line);
      assert.match(f.message, why, line);
    }
  });

  test('silent: documented forms (trailing spaces, BOM), and a near miss in a file with no expression', () => {
    for (const first of ['#yamlPreprocessor=on', '#zeropsPreprocessor=on', '#yamlPreprocessor=on  ', '\uFEFF#zeropsPreprocessor=on']) {
      assert.deepEqual(hits(`${first}\n${body}`, 'preprocessor-directive'), [], JSON.stringify(first));
    }
    assert.deepEqual(hits(`# zeropsPreprocessor=true\n${body.replace('<@generateRandomString(<32>)>', 'plain')}`, 'preprocessor-directive'), []);
  });

  test('still an error: no directive, an explicit "=off", or the directive below the first content', () => {
    for (const text of [body, `#yamlPreprocessor=off\n${body}`, body.replace('services:', 'services:\n#yamlPreprocessor=on')]) {
      const f = only(text, 'preprocessor-directive');
      assert.equal(f.severity, 'error');
      assert.match(f.message, /preprocessor is off/);
    }
  });

  test('every reader agrees: kind, the secret fix and the rule read the same directive', () => {
    const near = `# zeropsPreprocessor=true\nfoo: 1\n`;
    assert.equal(classify('x.yaml', near, undefined), 'import');
    assert.equal(readDirective(near)?.documented, false);
    assert.equal(readDirective('#yamlPreprocessor=on\n')?.documented, true);
    assert.equal(readDirective('services: []\n#yamlPreprocessor=on\n'), undefined);
    // With a near miss present the secret fix does not add a second directive.
    const secret = `# zeropsPreprocessor=true\n${yaml('services:', '  - hostname: api', '    type: nodejs@22', '    envSecrets:', '      APP_KEY: q8Zr2LmX4vT9wKp3Nc7Yb1Hd6Fg5Js0A')}`;
    assert.deepEqual(only(secret, 'secret-literal').fixes?.[0].edits.map((e) => e.newText), ['<@generateRandomString(<32>)>']);
  });
});
