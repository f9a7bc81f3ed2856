import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseZerops } from '../server/src/model/parse';
import { inlayHints } from '../server/src/service/features/inlay-hints';
import { codeLenses, documentLinks } from '../server/src/service/features/lenses-links';
import { repositoryUrl } from '../server/src/service/features/links';
import { editorFindings } from '../server/src/service/check/typing';
import type { RuleFinding } from '../server/src/rules/rule';
import { yaml } from './helpers';

// The language service's inlay hints, lenses, links and typing filter, in process: the look-alikes that
// must stay silent, beside what the protocol tests show working.

const whole = { start: 0, end: Number.MAX_SAFE_INTEGER };

function hints(text: string, fileName = 'import.yaml', extra = parseZerops('', { fileName }).services) {
  return inlayHints(parseZerops(text, { fileName }), whole, extra).map((h) => [text.slice(0, h.offset).split('\n').pop()!.trim(), h.label]);
}

describe('inlay hints: what stays without a hint', () => {
  test('a replica port of a single node, an unknown host or variable, a URL of a type whose format is not documented, an id', () => {
    const text = yaml(
      'services:',
      '  - hostname: cache',
      '    type: valkey@7.2',
      '    mode: NON_HA',
      '  - hostname: db',
      '    type: postgresql@16',
      '  - hostname: app',
      '    type: nodejs@22',
      '    envSecrets:',
      '      A: ${cache_portReplicas}',
      '      B: ${nosuch_port}',
      '      C: ${cache_nosuch}',
      '      D: ${db_connectionString}',
      '      E: ${db_serviceId}',
      '      F: ${UNDEFINED}',
      '      G: ${cache_port}',
      '      H: ${db_port}',
    );
    // A connection string holds the password: secret, whatever the type.
    assert.deepEqual(hints(text), [['D: ${db_connectionString}', '= secret'], ['G: ${cache_port}', '= 6379'], ['H: ${db_port}', '= 5432']]);
  });

  test('secrets by map, by generator and by key name; a value with references shows as written', () => {
    const text = yaml(
      '#yamlPreprocessor=on',
      'services:',
      '  - hostname: app',
      '    type: nodejs@22',
      '    envVariables:',
      '      API_TOKEN: plain-looking',
      '      MODE: fast',
      '      BOTH: ${MODE}-x',
      '    envSecrets:',
      '      S: hidden',
      '      R: <@generateRandomString(<24>)>',
      '      A: ${API_TOKEN}',
      '      B: ${S}',
      '      C: ${R}',
      '      D: ${MODE}',
      '      E: ${BOTH}',
    );
    assert.deepEqual(hints(text), [['BOTH: ${MODE}', '= fast'], ['A: ${API_TOKEN}', '= secret'], ['B: ${S}', '= secret'], ['C: ${R}', '= secret'], ['D: ${MODE}', '= fast'], ['E: ${BOTH}', '= ${MODE}-x']]);
    for (const [, label] of hints(text)) assert.ok(!/hidden|plain-looking|generateRandom/.test(label), label);
  });

  test('a zerops.yml reference resolves against the workspace services; an unclosed one gets nothing', () => {
    const imp = parseZerops(yaml('services:', '  - hostname: cache', '    type: valkey:ha@7.2'), { fileName: 'import.yaml' });
    const zy = yaml('zerops:', '  - setup: app', '    run:', '      envVariables:', '        R: ${cache_portReplicas}', '        T: ${cache_', '');
    assert.deepEqual(hints(zy, 'zerops.yml', imp.services), [['R: ${cache_portReplicas}', '= 7000']]);
  });

  test('extends: nothing for a cycle or an unknown parent; "overrides everything" when nothing is left', () => {
    const zy = yaml(
      'zerops:',
      '  - setup: a',
      '    extends: b',
      '    run: { start: x }',
      '  - setup: b',
      '    extends: a',
      '    run: { start: y }',
      '  - setup: c',
      '    extends: nosuch',
      '  - setup: d',
      '    run: { start: z }',
      '  - setup: e',
      '    extends: d',
      '    run: { start: w }',
    );
    assert.deepEqual(hints(zy, 'zerops.yml'), [['extends: d', 'overrides everything it inherits']]);
  });
});

describe('CodeLens and links: look-alikes', () => {
  test('a runtime gets only its type; a service referenced only by itself is not "used by" another', () => {
    const m = parseZerops(yaml('services:', '  - hostname: api', '    type: nodejs@22', '    envVariables:', '      SELF: ${api_hostname}'), { fileName: 'import.yaml' });
    const f = { uri: 'file:///w/import.yaml', model: m };
    assert.deepEqual(codeLenses([f], f).map((l) => l.title), ['nodejs@22', 'used by itself only']);
  });

  test('buildFromGit: https and ssh forms link to the repository; anything else does not', () => {
    assert.equal(repositoryUrl('https://github.com/a/b'), 'https://github.com/a/b');
    assert.equal(repositoryUrl('git@github.com:a/b.git'), 'https://github.com/a/b');
    assert.equal(repositoryUrl('github.com/a/b'), undefined);
    assert.equal(repositoryUrl('https://'), undefined);
    const m = parseZerops(yaml('services:', '  - hostname: api', '    type: nodejs@22', '    buildFromGit: ${REPO}'), { fileName: 'import.yaml' });
    assert.ok(!documentLinks(m).some((l) => !l.target.startsWith('https://docs.zerops.io/')));
  });

  test('zerops.yml paths: no link without file access, for a glob or a parent, or for a missing file', () => {
    const zy = yaml('zerops:', '  - setup: app', '    build:', '      deployFiles: [ ../x, "./~/a", dist/*, real.txt, gone.txt ]', '    run:', '      siteConfigPath: site.conf');
    const m = parseZerops(zy, { fileName: 'zerops.yml' });
    const files = { read: (p: string) => (p === 'real.txt' || p === 'site.conf' ? 'x' : 'missing') as string };
    const paths = (access?: typeof files) => documentLinks(m, 'file:///w/zerops.yml', access).filter((l) => l.target.startsWith('file:')).map((l) => l.target);
    assert.deepEqual(paths(), []);
    assert.deepEqual(paths(files), ['file:///w/real.txt', 'file:///w/site.conf']);
  });
});

describe('typing: what the editor holds back', () => {
  const f = (rule: string, start: number, end: number): RuleFinding => ({ rule, severity: 'error', span: { start, end }, message: rule } as RuleFinding);
  test('only a reference finding at the place typed is held; an empty file is information', () => {
    const all = [f('reference-unknown-variable', 10, 20), f('reference-unknown-variable', 30, 40), f('valkey-version', 12, 14), f('file-empty', 0, 0)];
    const typing = editorFindings(all, 15);
    assert.equal(typing.held, true);
    assert.deepEqual(typing.findings.map((x) => [x.rule, x.span.start, x.severity]), [['reference-unknown-variable', 30, 'error'], ['valkey-version', 12, 'error'], ['file-empty', 0, 'info']]);
    const quiet = editorFindings(all, undefined);
    assert.equal(quiet.held, false);
    assert.equal(quiet.findings.length, 4);
  });
});
