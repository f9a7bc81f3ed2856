import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import type { DocumentSymbol, Location, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { applyEdits, codes, withServer, type Session } from './lsp-client';

// The workspace over stdio: the bundled server reads the import file from disk, checks an open zerops.yml
// against it, follows the import file as it changes (buffer or disk), and navigates across the two files.

const FIXTURES = resolve(__dirname, '../../test/fixtures/workspace');
const IMPORT_TEXT = readFileSync(join(FIXTURES, 'import.yaml'), 'utf8');
const ZEROPS_TEXT = readFileSync(join(FIXTURES, 'zerops.yml'), 'utf8');
const HA_TEXT = IMPORT_TEXT.replace('mode: NON_HA', 'mode: HA');
const BOTH = ['valkey-replica-port', 'reference-unknown-variable'];

const made: string[] = [];
after(() => { for (const dir of made) rmSync(dir, { recursive: true, force: true }); });

/** A fresh workspace folder with the fixture's two files, and an HA `cache` under node_modules that must be ignored. */
function workspaceFolder(): { folder: string; importUri: string; zeropsUri: string; importPath: string } {
  const folder = mkdtempSync(join(tmpdir(), 'zerops-ws-'));
  made.push(folder);
  copyFileSync(join(FIXTURES, 'import.yaml'), join(folder, 'import.yaml'));
  mkdirSync(join(folder, 'app'));
  copyFileSync(join(FIXTURES, 'zerops.yml'), join(folder, 'app', 'zerops.yml'));
  mkdirSync(join(folder, 'node_modules', 'x'), { recursive: true });
  writeFileSync(join(folder, 'node_modules', 'x', 'import.yaml'), HA_TEXT);
  return {
    folder,
    importPath: join(folder, 'import.yaml'),
    importUri: pathToFileURL(join(folder, 'import.yaml')).href,
    zeropsUri: pathToFileURL(join(folder, 'app', 'zerops.yml')).href,
  };
}

const sameCodes = (want: string[]) => (p: { diagnostics: { code?: unknown }[] }) => JSON.stringify(codes(p as never)) === JSON.stringify(want);

async function openZeropsYml(s: Session, uri: string): Promise<void> {
  const since = s.mark();
  await s.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: ZEROPS_TEXT } });
  // The first check may come before the workspace is read; wait for the one that knows the import file.
  await s.diagnostics(uri, since, sameCodes(BOTH));
}

describe('workspace over stdio', () => {
  test('zerops.yml is checked against import.yaml on disk; an HA edit in the import buffer clears the replica-port error, closing it brings it back', async () => {
    const ws = workspaceFolder();
    await withServer(async (s) => {
      await openZeropsYml(s, ws.zeropsUri);
      assert.ok(s.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'), JSON.stringify(s.registrations));

      await s.open(ws.importUri, IMPORT_TEXT);
      let since = s.mark();
      await s.change(ws.importUri, 2, HA_TEXT);
      const cleared = await s.diagnostics(ws.zeropsUri, since, sameCodes(['reference-unknown-variable']));
      assert.equal(cleared.version, 1, 'zerops.yml itself was not touched');

      since = s.mark();
      await s.notify('textDocument/didClose', { textDocument: { uri: ws.importUri } });
      await s.diagnostics(ws.zeropsUri, since, sameCodes(BOTH));
    }, undefined, { folder: ws.folder });
  });

  test('an import file named as no pattern knows (infra/stack.yml) is found by its content and checks the open zerops.yml', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'zerops-ws-'));
    made.push(folder);
    mkdirSync(join(folder, 'infra'));
    copyFileSync(join(FIXTURES, 'import.yaml'), join(folder, 'infra', 'stack.yml'));
    writeFileSync(join(folder, 'compose.yml'), 'services:\n  cache:\n    image: valkey/valkey:8\n');
    mkdirSync(join(folder, 'app'));
    copyFileSync(join(FIXTURES, 'zerops.yml'), join(folder, 'app', 'zerops.yml'));
    await withServer(async (s) => {
      await openZeropsYml(s, pathToFileURL(join(folder, 'app', 'zerops.yml')).href);
    }, undefined, { folder });
  });

  test('the import file changed on disk (a watched-file event) re-checks the open zerops.yml', async () => {
    const ws = workspaceFolder();
    await withServer(async (s) => {
      await openZeropsYml(s, ws.zeropsUri);
      writeFileSync(ws.importPath, HA_TEXT);
      let since = s.mark();
      await s.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.importUri, type: 2 }] });
      await s.diagnostics(ws.zeropsUri, since, sameCodes(['reference-unknown-variable']));

      rmSync(ws.importPath);
      since = s.mark();
      await s.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.importUri, type: 3 }] });
      await s.diagnostics(ws.zeropsUri, since, sameCodes([]));
    }, undefined, { folder: ws.folder });
  });

  test('a workspace folder added later is read, and removing it takes its import file out again', async () => {
    const ws = workspaceFolder();
    const empty = mkdtempSync(join(tmpdir(), 'zerops-ws-'));
    made.push(empty);
    await withServer(async (s) => {
      const opened = await s.open(ws.zeropsUri, ZEROPS_TEXT);
      assert.deepEqual(opened.diagnostics, []);
      const folder = { uri: pathToFileURL(ws.folder).href, name: 'b' };
      let since = s.mark();
      await s.notify('workspace/didChangeWorkspaceFolders', { event: { added: [folder], removed: [] } });
      await s.diagnostics(ws.zeropsUri, since, sameCodes(BOTH));
      since = s.mark();
      await s.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [folder] } });
      await s.diagnostics(ws.zeropsUri, since, sameCodes([]));
    }, undefined, { folder: empty });
  });

  test('outline, go to definition, references and rename across the two files', async () => {
    const ws = workspaceFolder();
    await withServer(async (s, init) => {
      assert.deepEqual(init.capabilities.renameProvider, { prepareProvider: true });
      await openZeropsYml(s, ws.zeropsUri);
      const doc = { uri: ws.zeropsUri };
      const onUser = { line: 13, character: 24 };

      const symbols = await s.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: doc });
      assert.deepEqual(symbols.map((x) => x.name), ['app']);

      const defs = await s.request<Location[]>('textDocument/definition', { textDocument: doc, position: onUser });
      assert.deepEqual(defs, [{ uri: ws.importUri, range: { start: { line: 3, character: 14 }, end: { line: 3, character: 19 } } }]);

      const refs = await s.request<Location[]>('textDocument/references', { textDocument: doc, position: onUser, context: { includeDeclaration: true } });
      assert.deepEqual(refs.map((r) => r.uri).filter((u) => u === ws.importUri).length, 2);
      assert.deepEqual(refs.filter((r) => r.uri === ws.zeropsUri).length, 5);

      const prepared = await s.request<unknown>('textDocument/prepareRename', { textDocument: doc, position: onUser });
      assert.deepEqual(prepared, { range: { start: { line: 13, character: 22 }, end: { line: 13, character: 27 } }, placeholder: 'cache' });

      const edit = await s.request<WorkspaceEdit>('textDocument/rename', { textDocument: doc, position: onUser, newName: 'redis' });
      const changes = edit.changes as Record<string, TextEdit[]>;
      assert.equal(applyEdits(IMPORT_TEXT, changes[ws.importUri]), IMPORT_TEXT.replaceAll('cache', 'redis'));
      assert.equal(applyEdits(ZEROPS_TEXT, changes[ws.zeropsUri]), ZEROPS_TEXT.replaceAll('cache', 'redis'));

      await assert.rejects(
        s.request('textDocument/rename', { textDocument: doc, position: onUser, newName: 'Redis-1' }),
        /"Redis-1" cannot be a Zerops hostname: use lowercase letters and digits only/,
      );
    }, undefined, { folder: ws.folder });
  });
});

describe('the file siteConfigPath names, read from the workspace folder', () => {
  const php = (site: string) => `zerops:\n  - setup: app\n    build:\n      base: php@8.4\n      deployFiles: ./\n    run:\n      base: php-nginx@8.4\n      siteConfigPath: ${site}\n`;
  const siteCodes = (p: { diagnostics: { code?: unknown }[] }) => codes(p as never).filter((c) => String(c).startsWith('site-config'));

  test('{{. in a non-.tmpl file: a hint; a missing file: a warning; an untitled buffer: silent', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'zerops-ws-'));
    made.push(folder);
    writeFileSync(join(folder, 'site.conf'), 'server {\n  root {{.DocumentRoot}};\n}\n');
    // The workspace folder is a git work tree.
    mkdirSync(join(folder, '.git'));
    writeFileSync(join(folder, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    await withServer(async (s) => {
      const uri = pathToFileURL(join(folder, 'zerops.yml')).href;
      assert.deepEqual(siteCodes(await s.open(uri, php('site.conf'))), ['site-config-not-template']);
      const other = pathToFileURL(join(folder, 'sub', 'zerops.yml')).href;
      assert.deepEqual(siteCodes(await s.open(other, php('site.conf'))), ['site-config-not-deployed']);
      // Checked as a zerops.yml (its unknown base is reported), but with no folder to read from.
      const untitled = await s.open('untitled:Untitled-1', php('site.conf').replace('php@8.4', 'php@8.2'));
      assert.ok(codes(untitled as never).includes('base-version-unknown'), JSON.stringify(codes(untitled as never)));
      assert.deepEqual(siteCodes(untitled), []);
    }, undefined, { folder });
    // The same workspace without git: the missing file is not reported.
    rmSync(join(folder, '.git'), { recursive: true });
    await withServer(async (s) => {
      const other = pathToFileURL(join(folder, 'sub', 'zerops.yml')).href;
      assert.deepEqual(siteCodes(await s.open(other, php('site.conf'))), []);
    }, undefined, { folder });
  });
});
