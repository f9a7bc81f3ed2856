import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import { CompletionItemTag, type CompletionItem, type CompletionList, type TextEdit } from 'vscode-languageserver-types';
import { yaml } from './helpers';
import { Session, withClient, type InitializeResult } from './lsp-client';

// Completion that knows the project, over stdio against the bundled server, as VS Code asks for it: the
// import file open beside the zerops.yml, a PHP project whose Valkey is called redis.

const IMPORT = 'file:///w/zerops-project-import.yml';
/** A PHP project (php-nginx@8.3 `app`, Valkey `redis`, PostgreSQL `db`), as the code-server test has it. */
const IMPORT_TEXT = readFileSync(resolve(__dirname, '../../test/e2e/fixtures/project/zerops-project-import.yml'), 'utf8');
const ZEROPS = 'file:///w/zerops.yml';

/** A server started as VS Code starts it: its name, snippets, tags, insertTextMode asIs. */
function withVsCode(body: (s: Session, init: InitializeResult) => Promise<void>): Promise<void> {
  return withClient({
    rootUri: 'file:///w', workspaceFolders: [{ uri: 'file:///w', name: 'w' }],
    clientInfo: { name: 'Visual Studio Code', version: '1.100.3' },
    capabilities: {
      textDocument: {
        completion: {
          completionItem: { snippetSupport: true, tagSupport: { valueSet: [1] }, preselectSupport: true, insertTextModeSupport: { valueSet: [1, 2] } },
          contextSupport: true,
        },
      },
    },
  }, body);
}

/** The position just after the `nth` line's text (0-based) of `text`. */
function endOf(text: string, line: number) {
  return { line, character: text.split('\n')[line].length };
}

async function completeAt(s: Session, uri: string, text: string, line: number, trigger?: string): Promise<CompletionItem[]> {
  const context = trigger ? { triggerKind: 2, triggerCharacter: trigger } : { triggerKind: 1 };
  const r = await s.request<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position: endOf(text, line), context });
  const items = Array.isArray(r) ? r : r?.items ?? [];
  return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
}

async function openBoth(s: Session, zeropsText: string): Promise<void> {
  await s.open(IMPORT, IMPORT_TEXT);
  await s.open(ZEROPS, zeropsText);
}

describe('completion that knows the project, over stdio', () => {
  test('the server asks to be called on a space', async () => {
    await withVsCode(async (_s, init) => {
      const provider = init.capabilities.completionProvider as { triggerCharacters: string[] };
      assert.ok(provider.triggerCharacters.includes(' '), JSON.stringify(provider));
    });
  });

  test('run.base of the setup the PHP service uses: opened by the space after base:, php-nginx@8.3 first and selected, one spelling', async () => {
    const text = yaml('zerops:', '  - setup: app', '    build:', '      base: php@8.3', '    run:', '      base: ');
    await withVsCode(async (s) => {
      await openBoth(s, text);
      const items = await completeAt(s, ZEROPS, text, 5, ' ');
      assert.deepEqual(items.slice(0, 2).map((i) => i.label), ['php-nginx@8.3', 'php-apache@8.3']);
      assert.equal(items[0].preselect, true);
      assert.ok(!items.some((i) => i.label.includes('/')), 'bare spelling only');
      assert.equal(new Set(items.map((i) => i.label)).size, items.length, 'each value once');
      assert.ok(items.length < 120, `${items.length} entries (238 before)`);
      assert.equal((items[0].textEdit as TextEdit).newText, 'php-nginx@8.3');
    });
  });

  test('a space anywhere else is answered with nothing; an explicit request still gets the keys', async () => {
    const text = yaml('zerops:', '  - setup: app', '    run:', '      start: ');
    await withVsCode(async (s) => {
      await openBoth(s, text);
      assert.deepEqual(await completeAt(s, ZEROPS, text, 3, ' '), []);
      const keyText = yaml('zerops:', '  - setup: app', '    run:', '      base: php-nginx@8.3', '      ');
      await s.change(ZEROPS, 2, keyText);
      const keys = await completeAt(s, ZEROPS, keyText, 4);
      assert.ok(keys.some((i) => i.label === 'documentRoot'));
      // routing would earn routing-non-static on php-nginx: not offered.
      assert.ok(!keys.some((i) => i.label === 'routing'));
    });
  });

  test('the base key asks VS Code to suggest its values once inserted; os is last and tagged deprecated', async () => {
    const text = yaml('zerops:', '  - setup: app', '    run:', '      ');
    await withVsCode(async (s) => {
      await openBoth(s, text);
      const keys = await completeAt(s, ZEROPS, text, 3);
      const base = keys.find((i) => i.label === 'base')!;
      assert.equal((base.textEdit as TextEdit).newText, 'base: ');
      assert.equal(base.command?.command, 'editor.action.triggerSuggest');
      const os = keys.find((i) => i.label === 'os')!;
      assert.deepEqual(os.tags, [CompletionItemTag.Deprecated]);
      assert.equal(keys.filter((i) => i.kind === os.kind).pop()?.label, 'os');
      assert.ok(!keys.find((i) => i.label === 'ports')?.command, 'a map key opens nothing');
    });
  });

  test('snippets write the project\'s Valkey (redis) and a setup for the waiting PHP service at its version', async () => {
    const envText = yaml('zerops:', '  - setup: app', '    run:', '      base: php-nginx@8.3', '      envVariables:', '        ');
    await withVsCode(async (s) => {
      await openBoth(s, envText);
      const env = (await completeAt(s, ZEROPS, envText, 5)).find((i) => i.label === 'zerops-env-valkey')!;
      assert.match((env.textEdit as TextEdit).newText, /^REDIS_URL: \\\$\{\$\{1:redis\}_connectionString\}/);

      const newText = yaml('zerops:', '  - ');
      await s.change(ZEROPS, 2, newText);
      const php = (await completeAt(s, ZEROPS, newText, 1)).find((i) => i.label === 'zerops-setup-php-nginx')!;
      const body = (php.textEdit as TextEdit).newText;
      assert.match(body, /^setup: \$\{1:app\}\n/);
      assert.match(body, /base: php@8\.3\n/);
      assert.match(body, /base: php-nginx@8\.3\n/);
    });
  });

  test('import type: the project\'s types first; a space after type: opens them', async () => {
    const text = `${IMPORT_TEXT}  - hostname: api\n    type: `;
    await withVsCode(async (s) => {
      await s.open(IMPORT, text);
      const items = await completeAt(s, IMPORT, text, text.split('\n').length - 1, ' ');
      assert.deepEqual(items.slice(0, 3).map((i) => i.label), ['php-nginx@8.3', 'valkey:single@7.2', 'valkey:ha@7.2']);
      assert.ok(!items.some((i) => i.label === 'valkey@7.2'), 'the legacy spelling, which needs mode, is not offered');
    });
  });
});
