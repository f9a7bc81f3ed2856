import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { SymbolKind, type Location, type TextEdit } from 'vscode-languageserver-types';
import { parseZerops } from '../server/src/model/parse';
import { indexWorkspace, type WorkspaceFile } from '../server/src/service/workspace';
import { at, lsp } from './editor';
import { navigateEverywhere } from './features';
import { SAMPLES, yamlFiles } from './helpers';
import { applyEdits } from './lsp-client';

// Outline, go to definition, find references and rename across an import file and a zerops.yml.

const FIXTURES = resolve(__dirname, '../../test/fixtures/workspace');
const IMPORT_TEXT = readFileSync(join(FIXTURES, 'import.yaml'), 'utf8');
const ZEROPS_TEXT = readFileSync(join(FIXTURES, 'zerops.yml'), 'utf8');
const IMPORT_URI = 'file:///w/import.yaml';
const ZEROPS_URI = 'file:///w/zerops.yml';

const { definition, documentSymbols, prepareRename, references, rename } = lsp;

const index = indexWorkspace([{ fileName: IMPORT_URI, text: IMPORT_TEXT }, { fileName: ZEROPS_URI, text: ZEROPS_TEXT }]);
const files = index.files();
const file = (uri: string): WorkspaceFile => files.find((f) => f.uri === uri)!;

/** A location as `uri@line:char-line:char`. */
const loc = (l: Location) => `${l.uri.replace('file:///w/', '')}@${l.range.start.line}:${l.range.start.character}-${l.range.end.line}:${l.range.end.character}`;

describe('outline', () => {
  test('an import file lists its services with their type, and their variables below them', () => {
    const symbols = documentSymbols(file(IMPORT_URI));
    assert.deepEqual(symbols.map((s) => [s.name, s.detail, s.kind]), [['cache', 'valkey@7.2', SymbolKind.Module], ['app', 'nodejs@22', SymbolKind.Module]]);
    assert.deepEqual(symbols[0].selectionRange, { start: { line: 3, character: 14 }, end: { line: 3, character: 19 } });
    assert.deepEqual(symbols[1].children?.map((c) => [c.name, c.detail, c.kind]), [['SESSION_STORE', 'envSecrets', SymbolKind.Variable]]);
  });

  test('a zerops.yml lists its setups and the build and run variables of each', () => {
    const symbols = documentSymbols(file(ZEROPS_URI));
    assert.deepEqual(symbols.map((s) => [s.name, s.kind]), [['app', SymbolKind.Namespace]]);
    assert.deepEqual(symbols[0].children?.flatMap((c) => c.children!.map((v) => `${c.name}: ${v.detail} ${v.name}`)), [
      'build: build.envVariables WARMUP_CACHE', 'run: run.envVariables REDIS_URL', 'run: run.envVariables REDIS_READ_HOST',
      'run: run.envVariables REDIS_READ_PORT', 'run: run.envVariables REDIS_USER',
    ]);
  });

  test('a setup with no name and a service with no hostname still get a non-empty name', () => {
    const z = parseZerops('zerops:\n  - run: {}\n', { fileName: 'zerops.yml' });
    assert.deepEqual(documentSymbols({ uri: 'z', model: z }).map((s) => s.name), ['setup 1']);
    const i = parseZerops('services:\n  - type: nodejs@22\n', { fileName: 'import.yaml' });
    assert.deepEqual(documentSymbols({ uri: 'i', model: i }).map((s) => s.name), ['service 1']);
  });
});

describe('go to definition and find references', () => {
  test('from ${cache_hostname} in zerops.yml and from a URL host to hostname: cache in import.yaml', () => {
    const target = ['import.yaml@3:14-3:19'];
    const zerops = file(ZEROPS_URI);
    assert.deepEqual(definition(files, zerops, at(ZEROPS_TEXT, '${cache_hostname}', 4)).map(loc), target);
    assert.deepEqual(definition(files, zerops, at(ZEROPS_TEXT, '@cache.zerops', 1)).map(loc), target);
    assert.deepEqual(definition(files, zerops, at(ZEROPS_TEXT, 'REDIS_URL')), []);
    assert.deepEqual(definition(files, file(IMPORT_URI), at(IMPORT_TEXT, '${cache_', 3)).map(loc), target);
  });

  test('references of cache: the definition, every ${cache_…} and the URL host, in both files', () => {
    const all = references(files, file(IMPORT_URI), at(IMPORT_TEXT, 'cache'), true).map(loc);
    assert.deepEqual(all, [
      'import.yaml@3:14-3:19', 'import.yaml@9:23-9:28',
      'zerops.yml@6:40-6:45', 'zerops.yml@6:56-6:61', 'zerops.yml@10:21-10:26', 'zerops.yml@11:27-11:32', 'zerops.yml@13:22-13:27',
    ]);
    assert.deepEqual(references(files, file(ZEROPS_URI), at(ZEROPS_TEXT, 'cache_user', 2), false).map(loc), all.slice(1));
  });
});

describe('rename a hostname', () => {
  test('cache -> redis renames the hostname, every ${cache_…} and the URL host, in one edit over both files', () => {
    const prepared = prepareRename(files, file(ZEROPS_URI), at(ZEROPS_TEXT, '${cache_user}', 3));
    assert.deepEqual(prepared, { ok: { range: { start: { line: 13, character: 22 }, end: { line: 13, character: 27 } }, placeholder: 'cache' } });
    const result = rename(files, file(ZEROPS_URI), at(ZEROPS_TEXT, '${cache_user}', 3), 'redis');
    assert.ok('ok' in result, JSON.stringify(result));
    const changes = result.ok.changes as Record<string, TextEdit[]>;
    assert.deepEqual(Object.keys(changes).sort(), [IMPORT_URI, ZEROPS_URI]);
    assert.equal(applyEdits(IMPORT_TEXT, changes[IMPORT_URI]), [
      'project:',
      '  name: shop',
      'services:',
      '  - hostname: redis',
      '    type: valkey@7.2',
      '    mode: NON_HA',
      '  - hostname: app',
      '    type: nodejs@22',
      '    envSecrets:',
      '      SESSION_STORE: ${redis_connectionString}',
      '',
    ].join('\n'));
    assert.equal(applyEdits(ZEROPS_TEXT, changes[ZEROPS_URI]), [
      'zerops:',
      '  - setup: app',
      '    build:',
      '      base: nodejs@22',
      '      deployFiles: ./',
      '      envVariables:',
      '        WARMUP_CACHE: redis://default:${redis_password}@redis.zerops:6379',
      '    run:',
      '      base: nodejs@22',
      '      envVariables:',
      '        REDIS_URL: ${redis_connectionString}',
      '        REDIS_READ_HOST: ${redis_hostname}',
      '        REDIS_READ_PORT: "7000"',
      '        REDIS_USER: ${redis_user}',
      '      start: node index.js',
      '',
    ].join('\n'));
  });

  test('a name Zerops would refuse, or one another service has, is rejected with the reason', () => {
    const offset = at(IMPORT_TEXT, 'cache');
    for (const bad of ['Redis', 'my-cache', 'my_cache', '', 'a'.repeat(41)]) {
      const r = rename(files, file(IMPORT_URI), offset, bad);
      assert.ok('error' in r && r.error.includes('lowercase letters and digits only'), `${bad}: ${JSON.stringify(r)}`);
    }
    const taken = rename(files, file(IMPORT_URI), offset, 'app');
    assert.deepEqual(taken, { error: '"app" is already the hostname of a service in file:///w/import.yaml; two services cannot share one.' });
    assert.deepEqual(rename(files, file(IMPORT_URI), offset, 'cache'), { ok: { changes: {} } });
  });

  test('off a hostname nothing is renamed; a hostname no import file defines cannot be', () => {
    assert.equal(prepareRename(files, file(ZEROPS_URI), at(ZEROPS_TEXT, 'REDIS_URL')), undefined);
    assert.deepEqual(rename(files, file(ZEROPS_URI), at(ZEROPS_TEXT, 'REDIS_URL'), 'x'), { error: 'Only a service hostname or a setup name can be renamed here.' });
    const lone = indexWorkspace([{ fileName: ZEROPS_URI, text: ZEROPS_TEXT }]);
    const r = prepareRename(lone.files(), lone.files()[0], at(ZEROPS_TEXT, 'cache_user', 1));
    assert.deepEqual(r, { error: 'No import file in the workspace defines a service "cache", so there is no hostname to rename.' });
  });
});

describe('navigation never throws', () => {
  test('at every 11th offset of every sample file, and on truncated copies of the fixture', () => {
    const hits = navigateEverywhere(yamlFiles(SAMPLES));
    assert.ok(hits > 20, `only ${hits} definitions found`);
    for (let cut = 0; cut <= ZEROPS_TEXT.length; cut += 5) {
      const f: WorkspaceFile = { uri: ZEROPS_URI, model: parseZerops(ZEROPS_TEXT.slice(0, cut), { fileName: ZEROPS_URI }) };
      documentSymbols(f);
      for (let offset = 0; offset <= cut; offset += 3) rename(files, f, offset, 'redis');
    }
  });
});
