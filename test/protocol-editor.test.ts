import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CodeAction, CompletionItem, CompletionList, Hover, TextEdit } from 'vscode-languageserver-types';
import { Session, applyEdits, withClient, withServer } from './lsp-client';

// Issue 16 over stdio, as Neovim, Helix and Emacs get it: quiet outside Zerops files and when disabled,
// indentation as the client's insertTextMode support asks, snippets where they fit, disable fixes.

const IMPORT = 'file:///w/import.yaml';
const WORKFLOW = 'file:///w/.github/workflows/ci.yml';
const IMPORT_TEXT = [
  'services:', '  - hostname: cache', '    type: valkey@8', '    mode: NON_HA', '  - hostname: app', '    type: nodejs@22',
  '    envSecrets:', '      REDIS_URL: redis://default:${cache_password}@cache:6379', '    vert', '',
].join('\n');
const WORKFLOW_TEXT = ['on: push', 'jobs:', '  test:', '    env:', '      U: ${cache_user}', '      H: ${', ''].join('\n');

const pos = (text: string, needle: string, plus = 0) => {
  const at = text.indexOf(needle) + plus;
  const before = text.slice(0, at).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
};
const items = (r: CompletionList | CompletionItem[] | null) => (r === null ? [] : Array.isArray(r) ? r : r.items);

/** Every request a client can make at a position, with its empty answer. */
async function everything(s: Session, uri: string, text: string, needle: string, plus: number) {
  const position = pos(text, needle, plus);
  const td = { textDocument: { uri }, position };
  return {
    hover: await s.request<Hover | null>('textDocument/hover', td),
    completion: items(await s.request<CompletionList | null>('textDocument/completion', td)),
    definition: await s.request<unknown>('textDocument/definition', td),
    references: await s.request<unknown>('textDocument/references', { ...td, context: { includeDeclaration: true } }),
    symbols: await s.request<unknown>('textDocument/documentSymbol', { textDocument: { uri } }),
    actions: await s.request<unknown>('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } }),
  };
}

const QUIET = { hover: null, completion: [], definition: [], references: [], symbols: [], actions: [] };

describe('quiet where it should be', () => {
  test('a workflow file with ${cache_user} gets nothing, while the import file next to it answers', async () => {
    await withServer(async (s) => {
      await s.open(IMPORT, IMPORT_TEXT);
      await s.open(WORKFLOW, WORKFLOW_TEXT);
      assert.deepEqual(await everything(s, WORKFLOW, WORKFLOW_TEXT, '${cache_user}', 3), QUIET);
      assert.deepEqual(await everything(s, WORKFLOW, WORKFLOW_TEXT, 'H: ${', 5), QUIET);
      const live = await everything(s, IMPORT, IMPORT_TEXT, '${cache_password}', 3);
      assert.match(JSON.stringify(live.hover), /password/);
      assert.ok((live.symbols as unknown[]).length > 0);
    });
  });

  test('zerops.enable: false silences every request, and true brings them back', async () => {
    await withServer(async (s) => {
      await s.open(IMPORT, IMPORT_TEXT);
      await s.notify('workspace/didChangeConfiguration', { settings: { zerops: { enable: false } } });
      assert.deepEqual(await everything(s, IMPORT, IMPORT_TEXT, '${cache_password}', 3), QUIET);
      await s.notify('workspace/didChangeConfiguration', { settings: { zerops: { enable: true } } });
      assert.ok((await everything(s, IMPORT, IMPORT_TEXT, '${cache_password}', 3)).hover);
    });
  });
});

/** A server started with the completion capabilities of a client that takes insertTextMode asIs (VS Code). */
function withAsIsClient(body: (s: Session) => Promise<void>): Promise<void> {
  return withClient({
    rootUri: 'file:///w', workspaceFolders: [{ uri: 'file:///w', name: 'w' }],
    capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true, insertTextModeSupport: { valueSet: [1, 2] } } } } },
  }, body);
}

const complete = async (s: Session, uri: string, text: string, needle: string, plus: number) =>
  items(await s.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: pos(text, needle, plus) }));

describe('nested keys are indented once', () => {
  test('a client with insertTextModeSupport gets asIs and the text as the file reads', async () => {
    await withAsIsClient(async (s) => {
      await s.open(IMPORT, IMPORT_TEXT);
      const va = (await complete(s, IMPORT, IMPORT_TEXT, '    vert', 8)).find((i) => i.label === 'verticalAutoscaling')!;
      assert.equal(va.insertTextMode, 1);
      assert.equal((va.textEdit as TextEdit).newText, 'verticalAutoscaling:\n      ');
    });
  });

  test('a client without it gets the later lines relative to the line, as the LSP default asks', async () => {
    await withServer(async (s) => {
      await s.open(IMPORT, IMPORT_TEXT);
      const list = await complete(s, IMPORT, IMPORT_TEXT, '    vert', 8);
      const va = list.find((i) => i.label === 'verticalAutoscaling')!;
      assert.equal(va.insertTextMode, undefined);
      assert.equal((va.textEdit as TextEdit).newText, 'verticalAutoscaling:\n  ');
      const env = list.find((i) => i.label === 'envSecrets');
      assert.equal(env, undefined, 'envSecrets is written already');
    });
  });
});

describe('snippets from the server', () => {
  const TEXT = ['services:', '  - hostname: cache', '    type: valkey:single@7.2', '  - ', ''].join('\n');

  test('at a new item of services: snippets of kind Snippet, in snippet format; none at a value', async () => {
    await withServer(async (s) => {
      await s.open(IMPORT, TEXT);
      const list = await complete(s, IMPORT, TEXT, '  - \n', 4);
      const snippets = list.filter((i) => i.kind === 15);
      assert.deepEqual(snippets.map((i) => i.label).sort(), ['zerops-runtime', 'zerops-valkey', 'zerops-valkey-ha']);
      assert.ok(snippets.every((i) => i.insertTextFormat === 2));
      const atValue = await complete(s, IMPORT, TEXT, 'valkey:single', 4);
      assert.deepEqual(atValue.filter((i) => i.kind === 15), []);
      assert.ok(atValue.length > 0, 'type values are still offered');
    });
  });
});

describe('zerops.yml snippets from the server', () => {
  const YML = 'file:///w/zerops.yml';
  const TEXT = ['zerops:', '  - setup: worker', '    run:', '      base: nodejs@22', '      start: node worker.js', '  - ', ''].join('\n');

  test('a setup per runtime at a new item of zerops:, none inside run:; the skeleton in an empty file', async () => {
    await withServer(async (s) => {
      await s.open(YML, TEXT);
      const list = await complete(s, YML, TEXT, '  - \n', 4);
      const setups = list.filter((i) => i.kind === 15);
      assert.deepEqual(setups.map((i) => i.label).sort(), ['zerops-setup-go', 'zerops-setup-nodejs', 'zerops-setup-php-nginx', 'zerops-setup-python', 'zerops-setup-static']);
      assert.ok(setups.every((i) => i.insertTextFormat === 2));
      const node = setups.find((i) => i.label === 'zerops-setup-nodejs')!;
      const inserted = node.textEdit ? (node.textEdit as TextEdit).newText : node.insertText!;
      assert.match(inserted, /^setup: \$\{1:app\}\n/);
      assert.match(inserted, /failureTimeout: 60s/);
      const inRun = await complete(s, YML, TEXT, '      start:', 6);
      assert.deepEqual(inRun.filter((i) => i.kind === 15), []);
      const EMPTY = 'file:///w/sub/zerops.yml';
      await s.open(EMPTY, '');
      const empty = await s.request<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri: EMPTY }, position: { line: 0, character: 0 } });
      assert.deepEqual(items(empty).filter((i) => i.kind === 15).map((i) => i.label), ['zerops-yml']);
    });
  });
});

describe('disable for this line, over stdio', () => {
  test('offered on the diagnostic, not preferred; applied, the finding is gone', async () => {
    await withServer(async (s) => {
      const p = await s.open(IMPORT, IMPORT_TEXT);
      const d = p.diagnostics.find((x) => x.code === 'valkey-version')!;
      const actions = await s.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: IMPORT }, range: d.range, context: { diagnostics: [d] } });
      const line = actions.find((a) => a.title === 'Disable valkey-version for this line')!;
      assert.ok(line && !line.isPreferred);
      const text = applyEdits(IMPORT_TEXT, line.edit!.changes![IMPORT]);
      assert.ok(text.includes('    # zerops-disable-next-line valkey-version\n    type: valkey@8\n'));
      const since = s.mark();
      await s.change(IMPORT, 2, text);
      const after = await s.diagnostics(IMPORT, since, (x) => x.version === 2);
      assert.ok(!after.diagnostics.some((x) => x.code === 'valkey-version'));
      assert.ok(after.diagnostics.every((x) => !x.message.includes('`')), 'no raw backticks in messages');
    });
  });
});
