import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SymbolKind, type Location, type TextEdit } from 'vscode-languageserver-types';
import { indexWorkspace, type WorkspaceFile } from '../server/src/service/workspace';
import { at, lsp } from './editor';
import { applyEdits } from './lsp-client';

const { definition, documentSymbols, prepareRename, references, rename } = lsp;

// Navigation over zerops.yml setup names: outline, extends → setup, setup ↔ the import service using it
// (by zeropsSetup or hostname), references, and rename across zerops.yml and import files.

const ZEROPS = [
  'zerops:',
  '  - setup: base',
  '    build:',
  '      base: nodejs@22',
  '      envVariables:',
  '        NODE_ENV: production',
  '    run:',
  '      base: nodejs@22',
  '      envVariables:',
  '        PORT: "3000"',
  '  - setup: prod',
  '    extends: base',
  '    deploy:',
  '      temporaryShutdown: false',
  '    run:',
  '      start: node server.js',
  '  - setup: "worker"',
  '    extends: [base, prod]',
  '  - setup: web',
  '    run:',
  '      base: static',
  '',
].join('\n');

const IMPORT = [
  'services:',
  '  - hostname: api',
  '    type: nodejs@22',
  '    buildFromGit: https://github.com/acme/app',
  '    zeropsSetup: prod',
  '  - hostname: jobs',
  '    type: nodejs@22',
  '    buildFromGit: https://github.com/acme/app',
  '    zeropsSetup: worker',
  '  - hostname: db',
  '    type: postgresql@16',
  '',
].join('\n');

const OTHER_IMPORT = [
  'services:',
  '  - hostname: web',
  '    type: static',
  '  - hostname: apistage',
  '    type: nodejs@22',
  '    buildFromGit: https://github.com/acme/app',
  '    zeropsSetup: prod',
  '',
].join('\n');

const Z = 'file:///w/zerops.yml';
const I = 'file:///w/import.yaml';
const O = 'file:///w/stage.import.yaml';
const index = indexWorkspace([{ fileName: Z, text: ZEROPS }, { fileName: I, text: IMPORT }, { fileName: O, text: OTHER_IMPORT }]);
const files = index.files();
const file = (uri: string): WorkspaceFile => files.find((f) => f.uri === uri)!;
const TEXT: Record<string, string> = { [Z]: ZEROPS, [I]: IMPORT, [O]: OTHER_IMPORT };

/** What a location covers, as `file:text`. */
const what = (l: Location) => {
  const lines = TEXT[l.uri].split('\n');
  return `${l.uri.replace('file:///w/', '')}:${l.range.start.line}:${lines[l.range.start.line].slice(l.range.start.character, l.range.end.character)}`;
};

describe('zerops.yml outline', () => {
  test('setups with their base and parents, and build/deploy/run below each with their own variables', () => {
    const symbols = documentSymbols(file(Z));
    assert.deepEqual(symbols.map((s) => [s.name, s.detail, s.kind]), [
      ['base', 'nodejs@22', SymbolKind.Namespace],
      ['prod', 'extends base', SymbolKind.Namespace],
      ['worker', 'extends base, prod', SymbolKind.Namespace],
      ['web', 'static', SymbolKind.Namespace],
    ]);
    assert.deepEqual(symbols[0].children?.map((c) => [c.name, c.detail, c.kind, c.children?.map((v) => v.name)]), [
      ['build', 'nodejs@22', SymbolKind.Object, ['NODE_ENV']],
      ['run', 'nodejs@22', SymbolKind.Object, ['PORT']],
    ]);
    assert.deepEqual(symbols[1].children?.map((c) => c.name), ['deploy', 'run']);
    assert.deepEqual(symbols[2].children, []);
    // The section's range covers its body; its selection is the key.
    const run = symbols[1].children![1];
    assert.deepEqual([run.selectionRange.start.line, run.selectionRange.start.character, run.selectionRange.end.character], [14, 4, 7]);
    assert.equal(run.range.end.line, 16);
  });
});

describe('go to definition on setup names', () => {
  test('from extends (plain and in a list) to the setup it names, in the same file', () => {
    assert.deepEqual(definition(files, file(Z), at(ZEROPS, 'extends: base', 10)).map(what), ['zerops.yml:1:base']);
    assert.deepEqual(definition(files, file(Z), at(ZEROPS, '[base, prod]', 7)).map(what), ['zerops.yml:10:prod']);
  });

  test('from zeropsSetup in an import file to the setup, and from the setup to every service using it', () => {
    assert.deepEqual(definition(files, file(I), at(IMPORT, 'zeropsSetup: prod', 14)).map(what), ['zerops.yml:10:prod']);
    assert.deepEqual(definition(files, file(I), at(IMPORT, 'zeropsSetup: worker', 14)).map(what), ['zerops.yml:16:worker']);
    assert.deepEqual(definition(files, file(Z), at(ZEROPS, 'setup: prod', 8)).map(what), ['import.yaml:4:prod', 'stage.import.yaml:6:prod']);
  });

  test('a service with no zeropsSetup uses the setup named like its hostname: linked both ways', () => {
    assert.deepEqual(definition(files, file(Z), at(ZEROPS, 'setup: web', 8)).map(what), ['stage.import.yaml:1:web']);
    assert.deepEqual(definition(files, file(O), at(OTHER_IMPORT, 'hostname: web', 11)).map(what), ['zerops.yml:18:web']);
  });

  test('a hostname that names no setup keeps its hostname navigation; off any name there is nothing', () => {
    assert.deepEqual(definition(files, file(I), at(IMPORT, 'hostname: db', 11)).map(what), ['import.yaml:9:db']);
    assert.deepEqual(definition(files, file(Z), at(ZEROPS, 'extends: base', 2)), []);
    assert.deepEqual(definition(files, file(Z), at(ZEROPS, 'setup: base', 8)), []);
  });

  test('an extends naming no setup goes nowhere', () => {
    const idx = indexWorkspace([{ fileName: Z, text: 'zerops:\n  - setup: app\n    extends: bsae\n' }]);
    assert.deepEqual(definition(idx.files(), idx.files()[0], 27), []);
  });
});

describe('references of a setup', () => {
  test('setup, every extends naming it and every zeropsSetup, from any of them', () => {
    const expected = ['zerops.yml:10:prod', 'zerops.yml:17:prod', 'import.yaml:4:prod', 'stage.import.yaml:6:prod'];
    assert.deepEqual(references(files, file(Z), at(ZEROPS, 'setup: prod', 8), true).map(what), expected);
    assert.deepEqual(references(files, file(I), at(IMPORT, 'zeropsSetup: prod', 15), true).map(what), expected);
    assert.deepEqual(references(files, file(Z), at(ZEROPS, '[base, prod]', 8), false).map(what), expected.slice(1));
  });
});

describe('rename a setup', () => {
  test('prod -> live: the setup, the extends list entry and the zeropsSetup values of both import files', () => {
    const offset = at(ZEROPS, 'setup: prod', 9);
    const prepared = prepareRename(files, file(Z), offset);
    assert.deepEqual(prepared, { ok: { range: { start: { line: 10, character: 11 }, end: { line: 10, character: 15 } }, placeholder: 'prod' } });
    const r = rename(files, file(Z), offset, 'live');
    assert.ok('ok' in r, JSON.stringify(r));
    const changes = r.ok.changes as Record<string, TextEdit[]>;
    assert.deepEqual(Object.keys(changes).sort(), [I, Z, O].sort());
    assert.equal(applyEdits(ZEROPS, changes[Z]), ZEROPS.replace('setup: prod', 'setup: live').replace('[base, prod]', '[base, live]'));
    assert.equal(applyEdits(IMPORT, changes[I]), IMPORT.replace('zeropsSetup: prod', 'zeropsSetup: live'));
    assert.equal(applyEdits(OTHER_IMPORT, changes[O]), OTHER_IMPORT.replace('zeropsSetup: prod', 'zeropsSetup: live'));
  });

  test('a quoted setup name is renamed inside its quotes, from the import file too', () => {
    const r = rename(files, file(I), at(IMPORT, 'zeropsSetup: worker', 14), 'jobs');
    assert.ok('ok' in r, JSON.stringify(r));
    const changes = r.ok.changes as Record<string, TextEdit[]>;
    assert.equal(applyEdits(ZEROPS, changes[Z]), ZEROPS.replace('setup: "worker"', 'setup: "jobs"'));
    assert.equal(applyEdits(IMPORT, changes[I]), IMPORT.replace('zeropsSetup: worker', 'zeropsSetup: jobs'));
  });

  test('a setup used by a hostname, a name already taken, a name YAML or a hostname could not carry: refused', () => {
    const web = rename(files, file(Z), at(ZEROPS, 'setup: web', 8), 'site');
    assert.ok('error' in web && web.error.includes('uses this setup by its hostname'), JSON.stringify(web));
    const taken = rename(files, file(Z), at(ZEROPS, 'setup: prod', 8), 'base');
    assert.deepEqual(taken, { error: `${Z} already has a setup "base"; two setups cannot share a name.` });
    for (const bad of ['', 'a b', 'x:y', '-dash', '#c', 'a'.repeat(65)]) {
      const r = rename(files, file(Z), at(ZEROPS, 'setup: prod', 8), bad);
      assert.ok('error' in r && r.error.includes('cannot be a setup name'), `${bad}: ${JSON.stringify(r)}`);
    }
    assert.deepEqual(rename(files, file(Z), at(ZEROPS, 'setup: prod', 8), 'prod'), { ok: { changes: {} } });
  });

  test('a zeropsSetup no zerops.yml defines cannot be renamed; a hostname rename still renames the hostname', () => {
    const lone = indexWorkspace([{ fileName: I, text: IMPORT }]);
    const r = prepareRename(lone.files(), lone.files()[0], at(IMPORT, 'zeropsSetup: prod', 14));
    assert.deepEqual(r, { error: 'No zerops.yml in the workspace has a setup "prod", so there is no setup to rename.' });
    const host = rename(files, file(O), at(OTHER_IMPORT, 'hostname: web', 11), 'site');
    assert.ok('ok' in host && Object.keys(host.ok.changes!).join() === O, JSON.stringify(host));
  });
});

describe('a service that builds another repository', () => {
  const MAILPIT = [
    'services:',
    '  - hostname: mailpit',
    '    type: go@1',
    '    buildFromGit: https://github.com/zeropsio/recipe-mailpit',
    '    zeropsSetup: prod',
    '',
  ].join('\n');
  const M = 'file:///w/mail.import.yaml';
  const idx = indexWorkspace([{ fileName: Z, text: ZEROPS }, { fileName: I, text: IMPORT }, { fileName: M, text: MAILPIT }]);
  const all = idx.files();
  const z = all.find((f) => f.uri === Z)!;
  const m = all.find((f) => f.uri === M)!;
  const ours = (uri: string) => (uri === Z ? { remotes: ['git@github.com:acme/app.git'] } : undefined);
  const unknown = () => undefined;
  const uris = (ls: Location[]) => ls.map((l) => l.uri.replace('file:///w/', ''));

  test('with the remote of zerops.yml known, its zeropsSetup is not this file\'s setup: left out of references and rename', () => {
    assert.deepEqual(uris(references(all, z, at(ZEROPS, 'setup: prod', 8), true, ours)), ['zerops.yml', 'zerops.yml', 'import.yaml']);
    const r = rename(all, z, at(ZEROPS, 'setup: prod', 8), 'live', ours);
    assert.ok('ok' in r && !(M in r.ok.changes!), JSON.stringify(r));
    assert.deepEqual(definition(all, m, at(MAILPIT, 'zeropsSetup: prod', 14), ours), []);
  });

  test('with no remote known it counts as this repository, as before', () => {
    assert.deepEqual(uris(references(all, z, at(ZEROPS, 'setup: prod', 8), true, unknown)), ['zerops.yml', 'zerops.yml', 'import.yaml', 'mail.import.yaml']);
    assert.deepEqual(uris(definition(all, m, at(MAILPIT, 'zeropsSetup: prod', 14))), ['zerops.yml']);
  });
});
