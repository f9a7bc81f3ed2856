import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CodeAction, Command, Range } from 'vscode-languageserver-types';
import { applyEdits, codes, sleep, withServer } from './lsp-client';

// Protocol tests: the real bundled server (dist/server.js) over stdio, spoken to as an editor would.

const IMPORT_URI = 'file:///w/import.yaml';
const VALKEY8_HA = 'services:\n  - hostname: cache\n    type: valkey@8\n    mode: HA\n';
/** Where the `8` of `valkey@8` sits in VALKEY8_HA: line 2, characters 17..18 (0-based). */
const VERSION_RANGE: Range = { start: { line: 2, character: 17 }, end: { line: 2, character: 18 } };

describe('language server over stdio', () => {
  test('initialize names the server and offers quick fixes', async () => {
    await withServer(async (_s, init) => {
      assert.equal(init.serverInfo?.name, 'zerops-lsp');
      assert.ok(init.capabilities.codeActionProvider, 'codeActionProvider is missing');
    });
  });

  test('valkey@8: diagnostic, quick fix to 7.2, and the diagnostic goes away after the edit', async () => {
    await withServer(async (s) => {
      const line = VALKEY8_HA.split('\n')[2];
      assert.equal(VERSION_RANGE.start.character, line.indexOf('valkey@8') + 'valkey@'.length);

      const first = await s.open(IMPORT_URI, VALKEY8_HA);
      assert.equal(first.version, 1);
      const found = first.diagnostics.filter((d) => d.code === 'valkey-version');
      assert.equal(found.length, 1, JSON.stringify(first.diagnostics));
      const d = found[0];
      assert.equal(d.source, 'zerops');
      assert.equal(d.severity, 1);
      assert.deepEqual(d.range, VERSION_RANGE);
      assert.ok(d.codeDescription?.href.endsWith('#valkey-version'), `href ${d.codeDescription?.href}`);

      const actions = await s.request<(CodeAction | Command)[] | null>('textDocument/codeAction', {
        textDocument: { uri: IMPORT_URI },
        range: d.range,
        context: { diagnostics: [d], only: ['quickfix'] },
      });
      assert.ok(Array.isArray(actions), 'codeAction returned no array');
      const fix = actions.find((a): a is CodeAction => 'kind' in a && a.kind === 'quickfix' && a.title.includes('7.2'));
      assert.ok(fix, `no quick fix mentioning 7.2 among ${JSON.stringify(actions.map((a) => a.title))}`);
      assert.equal(fix.isPreferred, true);
      const edits = fix.edit?.changes?.[IMPORT_URI];
      assert.ok(edits && edits.length > 0, `the fix has no edits for ${IMPORT_URI}: ${JSON.stringify(fix.edit)}`);

      const fixedText = applyEdits(VALKEY8_HA, edits);
      assert.equal(fixedText, VALKEY8_HA.replace('valkey@8', 'valkey@7.2'));

      const since = s.mark();
      await s.change(IMPORT_URI, 2, fixedText);
      const second = await s.diagnostics(IMPORT_URI, since);
      assert.equal(second.version, 2);
      assert.deepEqual(second.diagnostics, []);
    });
  });

  test('GitHub workflows and compose files get an empty diagnostics array', async () => {
    await withServer(async (s) => {
      const workflow = await s.open(
        'file:///w/.github/workflows/ci.yml',
        'name: ci\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo valkey@8\n',
      );
      assert.deepEqual(workflow.diagnostics, []);
      const compose = await s.open(
        'file:///w/docker-compose.yml',
        'services:\n  cache:\n    image: valkey/valkey:8\n    ports: ["6380:6379"]\n',
      );
      assert.deepEqual(compose.diagnostics, []);
    });
  });

  test('broken YAML gets yaml-syntax and the server keeps answering', async () => {
    await withServer(async (s) => {
      const uri = 'file:///w/zerops-import.yml';
      const p = await s.open(uri, 'services:\n  - hostname: cache\n    type: [valkey@8\n');
      assert.ok(codes(p).includes('yaml-syntax'), `no yaml-syntax among ${JSON.stringify(codes(p))}`);
      const actions = await s.request<unknown>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } },
        context: { diagnostics: p.diagnostics },
      });
      assert.ok(Array.isArray(actions), `codeAction returned ${JSON.stringify(actions)}`);
    });
  });

  test('rapid edits are coalesced and the last version wins', async () => {
    await withServer(async (s) => {
      const opened = await s.open(IMPORT_URI, VALKEY8_HA);
      assert.equal(opened.version, 1);
      const since = s.mark();
      // A few milliseconds apart, as typing is: far inside the quiet period, yet not one burst in one read.
      for (let v = 2; v <= 21; v++) {
        await s.change(IMPORT_URI, v, `${VALKEY8_HA}# edit ${v}\n`);
        await sleep(5);
      }
      const final = await s.diagnostics(IMPORT_URI, since, (p) => p.version === 21);
      assert.deepEqual(codes(final), ['valkey-version'], 'the last text still has valkey@8');
      // Give a stray late publish time to show up before counting.
      await sleep(500);
      const later = s.publishedFor(IMPORT_URI, since);
      assert.ok(later.length < 20, `expected coalescing, got ${later.length} publishes`);
      assert.equal(later[later.length - 1].version, 21, `versions published: ${JSON.stringify(later.map((p) => p.version))}`);
      const versions = later.map((p) => p.version ?? -1);
      assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'versions went backwards');
    });
  });

  test('didClose clears the diagnostics of the document', async () => {
    await withServer(async (s) => {
      const opened = await s.open(IMPORT_URI, VALKEY8_HA);
      assert.ok(opened.diagnostics.length > 0);
      const since = s.mark();
      await s.notify('textDocument/didClose', { textDocument: { uri: IMPORT_URI } });
      const closed = await s.diagnostics(IMPORT_URI, since);
      assert.deepEqual(closed.diagnostics, []);
    });
  });

  test('initializationOptions settings change levels and turn rules off', async () => {
    // Two slips on two services: valkey@8 (its version), and valkey@7.2 with no mode.
    const text = 'services:\n  - hostname: cache\n    type: valkey@8\n  - hostname: kv\n    type: valkey@7.2\n';
    // Control: at default levels the same text has both findings.
    await withServer(async (s) => {
      const p = await s.open(IMPORT_URI, text);
      assert.ok(codes(p).includes('valkey-mode-missing'), JSON.stringify(codes(p)));
      assert.equal(p.diagnostics.find((d) => d.code === 'valkey-version')?.severity, 1);
    });
    await withServer(async (s) => {
      const p = await s.open(IMPORT_URI, text);
      const version = p.diagnostics.filter((d) => d.code === 'valkey-version');
      assert.equal(version.length, 1, JSON.stringify(p.diagnostics));
      assert.equal(version[0].severity, 2);
      assert.ok(!codes(p).includes('valkey-mode-missing'), JSON.stringify(codes(p)));
    }, { settings: { rules: { 'valkey-version': 'warning', 'valkey-mode-missing': 'off' } } });
  });

  test('didChangeConfiguration with enable: false re-publishes empty diagnostics', async () => {
    await withServer(async (s) => {
      const other = 'file:///w/zerops-import.yml';
      const a = await s.open(IMPORT_URI, VALKEY8_HA);
      const b = await s.open(other, VALKEY8_HA);
      assert.ok(a.diagnostics.length > 0 && b.diagnostics.length > 0);
      const since = s.mark();
      await s.notify('workspace/didChangeConfiguration', { settings: { zerops: { enable: false } } });
      for (const uri of [IMPORT_URI, other]) {
        const p = await s.diagnostics(uri, since);
        assert.deepEqual(p.diagnostics, [], uri);
      }
      const actions = await s.request<unknown>('textDocument/codeAction', {
        textDocument: { uri: IMPORT_URI },
        range: VERSION_RANGE,
        context: { diagnostics: a.diagnostics },
      });
      assert.deepEqual(actions, []);
    });
  });
});
