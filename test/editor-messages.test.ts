import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseZerops } from '../server/src/model/parse';
import { plainText } from '../server/src/service/lsp/diagnostics';
import { runRules } from '../server/src/service/check/validate';
import { fixed, lint, only, yaml } from './helpers';
import { hoverAt } from './editor';

// What the editor shows, worded for the moment it is shown in (issue 16, point 5).

const SINGLE = (type: string, ...more: string[]) => yaml('services:', '  - hostname: cache', `    type: ${type}`, ...more, '  - hostname: app', '    type: nodejs@22', '    envSecrets:');

describe('a replica endpoint of a single node', () => {
  test('a variable is answered with the variable to use, not a port', () => {
    const f = only(yaml(SINGLE('valkey:single@7.2').trimEnd(), '      URL: ${cache_connectionStringReplicas}'), 'valkey-replica-port');
    assert.match(f.message, /Use \$\{cache_connectionString\}, the read\/write endpoint\./);
    assert.doesNotMatch(f.message, /Use port/);
    assert.deepEqual(f.fixes?.map((x) => x.title), ['Use the primary endpoint (${cache_connectionString})']);
    const port = only(yaml(SINGLE('valkey:single@7.2').trimEnd(), '      P: ${cache_portReplicas}'), 'valkey-replica-port');
    assert.match(port.message, /Use \$\{cache_port\},/);
  });

  test('asked for on purpose (a READ or REPLICA key), making the service HA is offered too, not preferred', () => {
    const text = yaml(SINGLE('valkey:single@7.2').trimEnd(), '      REDIS_URL: ${cache_connectionString}', '      REDIS_READ_URL: ${cache_connectionStringReplicas}');
    const f = only(text, 'valkey-replica-port');
    const ha = f.fixes?.find((x) => x.title.startsWith('Make "cache" HA'));
    assert.ok(ha && !ha.preferred);
    assert.match(f.message, /or make the service HA before it is created/);
    const out = fixed(text, 'valkey-replica-port', /^Make "cache" HA/);
    assert.ok(out.includes('type: valkey:ha@7.2'));
    assert.deepEqual(lint(out).map((x) => x.rule), []);
  });

  test('the HA edit for each spelling: mode NON_HA becomes HA, a legacy type gets mode: HA', () => {
    const nonHa = yaml(SINGLE('valkey@7.2', '    mode: NON_HA').trimEnd(), '      REPLICA_PORT: ${cache_portReplicas}');
    assert.ok(fixed(nonHa, 'valkey-replica-port', /^Make/).includes('    mode: HA\n'));
    const legacy = yaml(SINGLE('valkey@7.2').trimEnd(), '      REDIS_URL: ${cache_connectionString}', '      REDIS_READ_URL: ${cache_connectionStringReplicas}');
    const out = fixed(legacy, 'valkey-replica-port', /^Make/);
    assert.ok(out.includes('    type: valkey@7.2\n    mode: HA\n'));
    assert.deepEqual(lint(out).map((x) => x.rule), []);
  });

  test('look-alikes: an ordinary key gets no HA offer; a Valkey of another file is not edited from here', () => {
    const f = only(yaml(SINGLE('valkey:single@7.2').trimEnd(), '      REDIS_URL: ${cache_connectionStringReplicas}'), 'valkey-replica-port');
    assert.deepEqual(f.fixes?.map((x) => x.title), ['Use the primary endpoint (${cache_connectionString})']);
    const zyml = yaml('zerops:', '  - setup: app', '    run:', '      envVariables:', '        REDIS_READ_URL: ${cache_connectionStringReplicas}');
    const ext = parseZerops(SINGLE('valkey:single@7.2'), { fileName: 'import.yaml' }).services;
    const found = lintWith(zyml, ext);
    assert.ok(found.every((x) => !x.fixes?.some((y) => y.title.startsWith('Make'))));
  });
});

function lintWith(text: string, external: ReturnType<typeof parseZerops>['services']) {
  return runRules(parseZerops(text, { fileName: 'zerops.yml' }), { external }).filter((f) => f.rule === 'valkey-replica-port');
}

describe('an empty entry while typing', () => {
  test('`services:` with an empty `- ` is information, not an error; a scalar entry is still an error', () => {
    const f = only(yaml('services:', '  - '), 'schema-value-type');
    assert.equal(f.severity, 'info');
    assert.match(f.message, /empty entry of "services"/);
    assert.doesNotMatch(f.message, /must be a map, not nothing/);
    const scalar = only(yaml('services:', '  - app'), 'schema-value-type');
    assert.equal(scalar.severity, 'error');
  });
});

describe('code in diagnostics, as VS Code shows it (no Markdown there)', () => {
  test('backticks become double quotes, as the messages write code; code with a double quote in it stays bare', () => {
    assert.equal(plainText('An empty entry of `services`: write `hostname`.'), 'An empty entry of "services": write "hostname".');
    assert.equal(plainText('`a"b` and ``'), 'a"b and ``');
    assert.equal(plainText('no code'), 'no code');
  });
});

describe('the hover on a Valkey type says what was asked and what exists', () => {
  const hoverMd = (marked: string) => hoverAt(marked)?.markdown ?? '';

  test('valkey@8: titled as asked, not as Valkey 7.2', () => {
    const md = hoverMd(yaml('services:', '  - hostname: cache', '    type: valkey@|8'));
    assert.equal(md.split('\n')[0], '### `valkey@8`: Valkey 8 is not offered');
    assert.match(md, /Zerops offers Valkey 7\.2 only/);
  });

  test('valkey@7.2 keeps its title', () => {
    assert.equal(hoverMd(yaml('services:', '  - hostname: cache', '    type: valkey:ha@7.|2')).split('\n')[0], '### Valkey 7.2, HA (three nodes) · ports 6379, 6380, 7000, 7001');
  });
});
