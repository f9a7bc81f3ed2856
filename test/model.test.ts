import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { classify, kindByName } from '../server/src/model/kind';
import { parseZerops } from '../server/src/model/parse';
import { lint, yaml } from './helpers';
import { bigImport } from './rules/yaml';

describe('which files are Zerops files', () => {
  test('import files by name', () => {
    for (const n of ['import.yaml', 'import.yml', 'zerops-import.yml', 'zerops-project-import.yml', 'zerops-project-production-import.yaml',
      'laravel-showcase.import.yml', '/a/b/import.yaml', 'file:///w/recipes/x/import.yaml', 'file:///c%3A/w/zerops-import.yml']) {
      assert.equal(kindByName(n), 'import', n);
    }
  });

  test('zerops.yml by name; other names are not decided by name', () => {
    assert.equal(kindByName('zerops.yml'), 'zerops-yml');
    assert.equal(kindByName('/x/zerops.yaml'), 'zerops-yml');
    for (const n of ['docker-compose.yml', 'ci.yml', 'important.yaml', 'zerops-import.json', 'reimport.yaml']) assert.equal(kindByName(n), undefined, n);
  });

  test('by content: a services list of hostname+type maps, or the preprocessor directive on line 1', () => {
    const doc = parseZerops(yaml('services:', '  - hostname: a', '    type: nodejs@22'), { fileName: 'description.yaml' });
    assert.equal(doc.kind, 'import');
    assert.equal(classify('x.yaml', '#zeropsPreprocessor=on\nfoo: 1\n', undefined), 'import');
    assert.equal(classify('x.yaml', '\uFEFF#yamlPreprocessor=on\n', undefined), 'import');
  });

  test('compose files, workflows and Kubernetes manifests are other', () => {
    const compose = yaml('services:', '  cache:', '    image: valkey/valkey:8', '    ports: ["6380:6379"]');
    const workflow = yaml('name: ci', 'on: push', 'jobs:', '  b:', '    runs-on: ubuntu-latest', '    steps:', '      - run: echo valkey@8');
    const k8s = yaml('apiVersion: v1', 'kind: Service', 'metadata:', '  name: cache');
    for (const [name, text] of [['docker-compose.yml', compose], ['.github/workflows/ci.yml', workflow], ['svc.yaml', k8s]]) {
      assert.equal(parseZerops(text, { fileName: name }).kind, 'other', name);
      assert.deepEqual(lint(text, name), [], name);
    }
  });
});

describe('the model', () => {
  const text = yaml(
    'project:',
    '  name: p',
    '  envVariables:',
    '    A: redis://default:${cache_password}@${cache_hostname}.zerops:${cache_port}/2',
    'services:',
    '  - hostname: cache',
    '    type: "valkey:ha@7.2"',
    '  - hostname: api',
    '    type: alpine/nodejs@22',
    '    dotEnvSecrets: |',
    '      # comment',
    '      export B="rediss://cache:6380"',
    '      C=${APP_URL}',
  );
  const m = parseZerops(text, { fileName: 'import.yaml' });
  const at = (s: { start: number; end: number }) => text.slice(s.start, s.end);

  test('services, types with part spans, and hostnames', () => {
    assert.deepEqual(m.services.map((s) => s.hostname?.value), ['cache', 'api']);
    const t = m.services[0].type!;
    assert.deepEqual([t.base, t.variant, t.version], ['valkey', 'ha', '7.2']);
    assert.deepEqual([at(t.baseSpan!), at(t.variantSpan!), at(t.versionSpan!)], ['valkey', 'ha', '7.2']);
    const n = m.services[1].type!;
    assert.deepEqual([n.os, n.base, n.version], ['alpine', 'nodejs', '22']);
  });

  test('references split host from variable at the first underscore', () => {
    assert.deepEqual(m.references.map((r) => [r.host, r.variable, at(r.span)]), [
      ['cache', 'password', '${cache_password}'],
      ['cache', 'hostname', '${cache_hostname}'],
      ['cache', 'port', '${cache_port}'],
      ['', 'APP_URL', '${APP_URL}'],
    ]);
  });

  test('URLs with their parts and exact spans, in maps and in dotEnvSecrets', () => {
    const [a, b] = m.urls;
    assert.equal(a.hostname, 'cache');
    assert.deepEqual([at(a.schemeSpan), at(a.userinfoSpan!), at(a.hostSpan), at(a.portSpan!), at(a.authoritySpan), at(a.span)], [
      'redis', 'default:${cache_password}', '${cache_hostname}.zerops', '${cache_port}',
      'redis://default:${cache_password}@${cache_hostname}.zerops:${cache_port}',
      'redis://default:${cache_password}@${cache_hostname}.zerops:${cache_port}/2',
    ]);
    assert.deepEqual([b.scheme, b.hostname, b.port, at(b.span), b.entry.key, b.entry.map.kind], ['rediss', 'cache', '6380', 'rediss://cache:6380', 'B', 'dotEnvSecrets']);
  });

  test('the dotEnvSecrets keys carry their own spans', () => {
    const dot = m.services[1].envMaps[0];
    assert.deepEqual(dot.entries.map((e) => [e.key, at(e.keySpan)]), [['B', 'B'], ['C', 'C']]);
  });
});

describe('yaml-syntax on hostile input (its cases: test/rules/yaml.ts)', () => {
  test('a tab-indented, binary or empty file never throws', () => {
    for (const t of ['', '# only a comment\n', 'services:\n\t- hostname: a\n', '\u0000\u0001\u0002binary\uFFFD', '\uFEFFservices: []\r\n']) {
      assert.doesNotThrow(() => lint(t, 'import.yaml'));
    }
  });

  test('an alias bomb is answered without expanding anything', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    lines.push('services:', '  - hostname: x', '    type: valkey@8', '    envSecrets: *l');
    const found = lint(lines.join('\n'), 'import.yaml');
    assert.ok(found.some((f) => f.rule === 'valkey-version'));
  });

  test('deep nesting is reported, not thrown', () => {
    const deep = `services: ${'['.repeat(20000)}${']'.repeat(20000)}\n`;
    assert.doesNotThrow(() => lint(deep, 'import.yaml'));
  });
});

describe('file-size', () => {
  test('over 100 KB the other rules still run; over the analysis ceiling nothing else is checked', () => {
    const text = bigImport(110);
    assert.ok(lint(text).some((f) => f.rule === 'valkey-version'));
    assert.deepEqual(lint(text.repeat(25)).map((f) => f.rule), ['file-size']);
  });
});
