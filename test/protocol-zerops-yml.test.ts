import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type {
  CompletionItem, CompletionList, DocumentSymbol, Hover, Location, MarkupContent, TextEdit, WorkspaceEdit,
} from 'vscode-languageserver-types';
import { applyEdits, withServer } from './lsp-client';

// zerops.yml editor features through the real bundled server over stdio: hover, completion, outline,
// go to definition across files and rename of a setup.

const ZEROPS_URI = 'file:///w/zerops.yml';
const IMPORT_URI = 'file:///w/import.yaml';
const ZEROPS = [
  'zerops:',
  '  - setup: base',
  '    build:',
  '      base: nodejs@22',
  '      deployFiles: ./',
  '    run:',
  '      base: nodejs@22',
  '      ports:',
  '        - port: 3000',
  '  - setup: prod',
  '    extends: base',
  '    run:',
  '      ',
  '',
].join('\n');
const IMPORT = [
  'services:',
  '  - hostname: api',
  '    type: nodejs@22',
  '    buildFromGit: https://github.com/acme/app',
  '    zeropsSetup: prod',
  '',
].join('\n');

describe('zerops.yml over stdio', () => {
  test('hover on a base and on a port key, with exact ranges', async () => {
    await withServer(async (s) => {
      await s.open(ZEROPS_URI, ZEROPS);
      const base = await s.request<Hover | null>('textDocument/hover', { textDocument: { uri: ZEROPS_URI }, position: { line: 6, character: 14 } });
      assert.ok(base);
      assert.deepEqual(base.range, { start: { line: 6, character: 12 }, end: { line: 6, character: 21 } });
      assert.ok((base.contents as MarkupContent).value.startsWith('**Node.js** · `nodejs@22` as `run.base`'));
      const port = await s.request<Hover | null>('textDocument/hover', { textDocument: { uri: ZEROPS_URI }, position: { line: 8, character: 11 } });
      assert.ok((port?.contents as MarkupContent).value.startsWith('**`run.ports[].port`** · integer'));
    });
  });

  test('completion inside run: run keys, applied as an edit at the cursor', async () => {
    await withServer(async (s) => {
      await s.open(ZEROPS_URI, ZEROPS);
      const list = await s.request<CompletionList | CompletionItem[] | null>('textDocument/completion', {
        textDocument: { uri: ZEROPS_URI }, position: { line: 12, character: 6 }, context: { triggerKind: 1 },
      });
      assert.ok(list && !Array.isArray(list));
      const labels = list.items.map((i) => i.label);
      assert.ok(labels.includes('start') && labels.includes('healthCheck') && !labels.includes('buildCommands'), labels.join());
      const start = list.items.find((i) => i.label === 'start');
      assert.ok(start?.textEdit && 'range' in start.textEdit);
      assert.equal(applyEdits(ZEROPS, [start.textEdit]).split('\n')[12], '      start: ');
    });
  });

  test('outline, extends → setup, zeropsSetup → setup, and rename of a setup across both files', async () => {
    await withServer(async (s) => {
      await s.open(IMPORT_URI, IMPORT);
      await s.open(ZEROPS_URI, ZEROPS);
      const symbols = await s.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: ZEROPS_URI } });
      assert.deepEqual(symbols.map((x) => [x.name, x.detail, x.children?.map((c) => c.name)]), [['base', 'nodejs@22', ['build', 'run']], ['prod', 'extends base', ['run']]]);

      const fromExtends = await s.request<Location[]>('textDocument/definition', { textDocument: { uri: ZEROPS_URI }, position: { line: 10, character: 14 } });
      assert.deepEqual(fromExtends, [{ uri: ZEROPS_URI, range: { start: { line: 1, character: 11 }, end: { line: 1, character: 15 } } }]);
      const fromImport = await s.request<Location[]>('textDocument/definition', { textDocument: { uri: IMPORT_URI }, position: { line: 4, character: 18 } });
      assert.deepEqual(fromImport, [{ uri: ZEROPS_URI, range: { start: { line: 9, character: 11 }, end: { line: 9, character: 15 } } }]);

      const edit = await s.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: ZEROPS_URI }, position: { line: 1, character: 12 }, newName: 'common' });
      const changes = edit.changes as Record<string, TextEdit[]>;
      assert.equal(applyEdits(ZEROPS, changes[ZEROPS_URI]), ZEROPS.replace('setup: base', 'setup: common').replace('extends: base', 'extends: common'));
      assert.equal(changes[IMPORT_URI], undefined, 'no import service uses base');
      const prod = await s.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: IMPORT_URI }, position: { line: 4, character: 18 }, newName: 'live' });
      assert.equal(applyEdits(IMPORT, (prod.changes as Record<string, TextEdit[]>)[IMPORT_URI]), IMPORT.replace('prod', 'live'));
      assert.equal(applyEdits(ZEROPS, (prod.changes as Record<string, TextEdit[]>)[ZEROPS_URI]), ZEROPS.replace('setup: prod', 'setup: live'));
    });
  });
});
