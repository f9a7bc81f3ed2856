import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CompletionItem, CompletionList, Hover, MarkupContent } from 'vscode-languageserver-types';
import { applyEdits, withServer } from './lsp-client';

// Hover and completion through the real bundled server over stdio.

const URI = 'file:///w/import.yaml';
const TEXT = [
  'services:',
  '  - hostname: cache',
  '    type: valkey:single@7.2',
  '  - hostname: app',
  '    type: nodejs@22',
  '    envSecrets:',
  '      REDIS_URL: redis://cache:7000',
  '      REDIS_PORT: ${cache_',
  '',
].join('\n');

describe('hover and completion over stdio', () => {
  test('initialize announces both, with the trigger characters of ${, <@ and the space after base:, type: and os:', async () => {
    await withServer(async (_s, init) => {
      assert.equal(init.capabilities.hoverProvider, true);
      assert.deepEqual(init.capabilities.completionProvider, { triggerCharacters: ['{', '_', '@', ' '] });
    });
  });

  test('textDocument/hover on a replica port of a single node: role, warning, exact range', async () => {
    await withServer(async (s) => {
      const published = await s.open(URI, TEXT);
      const h = await s.request<Hover | null>('textDocument/hover', { textDocument: { uri: URI }, position: { line: 6, character: 33 } });
      assert.ok(h);
      assert.deepEqual(h.range, { start: { line: 6, character: 31 }, end: { line: 6, character: 35 } });
      const md = h.contents as MarkupContent;
      assert.equal(md.kind, 'markdown');
      assert.ok(md.value.startsWith('**Port 7000** of `cache` (Valkey, single node)'), md.value);
      // The valkey-replica-port error sits on that port and the editor shows it in the same box: the hover does not repeat it.
      assert.ok(published.diagnostics.some((d) => d.code === 'valkey-replica-port' && d.range.start.line === 6), JSON.stringify(published.diagnostics));
      assert.ok(!md.value.includes('⚠'), md.value);

      const onType = await s.request<Hover | null>('textDocument/hover', { textDocument: { uri: URI }, position: { line: 2, character: 12 } });
      assert.ok(onType);
      assert.ok((onType.contents as MarkupContent).value.startsWith('### Valkey 7.2, single node (one node)'));
      assert.equal(await s.request('textDocument/hover', { textDocument: { uri: URI }, position: { line: 0, character: 9 } }), null);
    });
  });

  test('textDocument/completion after ${cache_: the single node variables, applied as an edit of the typed word', async () => {
    await withServer(async (s) => {
      await s.open(URI, TEXT);
      const list = await s.request<CompletionList | CompletionItem[] | null>('textDocument/completion', {
        textDocument: { uri: URI }, position: { line: 7, character: 26 }, context: { triggerKind: 2, triggerCharacter: '_' },
      });
      assert.ok(list && !Array.isArray(list));
      const labels = list.items.map((i) => i.label);
      assert.ok(labels.includes('connectionString') && labels.includes('port'), JSON.stringify(labels));
      assert.ok(!labels.includes('portReplicas'), 'a single node has no replica variables');
      const port = list.items.find((i) => i.label === 'port');
      assert.ok(port?.textEdit && 'range' in port.textEdit);
      assert.deepEqual(port.textEdit.range, { start: { line: 7, character: 26 }, end: { line: 7, character: 26 } });
      assert.equal(applyEdits(TEXT, [port.textEdit]).split('\n')[7], '      REDIS_PORT: ${cache_port}');
    });
  });

  test('requests on a document that is not open answer null, and the server stays up', async () => {
    await withServer(async (s) => {
      const pos = { textDocument: { uri: 'file:///w/missing.yaml' }, position: { line: 0, character: 0 } };
      assert.equal(await s.request('textDocument/hover', pos), null);
      assert.equal(await s.request('textDocument/completion', pos), null);
    });
  });
});
