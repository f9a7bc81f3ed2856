import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import { nodeHost } from '../server/src/host/node-host';
import { EditorProject, type EditorClient } from '../server/src/service/editor-project';
import { yaml } from './helpers';

// The editor project is what the language server asks for one connection (server.ts only converts around
// it): here it is driven in process, with the disk host over a real folder, and what it would send is
// recorded instead of sent.

const FIXTURES = resolve(__dirname, '../../test/fixtures/workspace');
const IMPORT_TEXT = readFileSync(join(FIXTURES, 'import.yaml'), 'utf8');
const HA_TEXT = IMPORT_TEXT.replace('mode: NON_HA', 'mode: HA');
const BOTH = ['valkey-replica-port', 'reference-unknown-variable'];

const made: string[] = [];
after(() => { for (const dir of made) rmSync(dir, { recursive: true, force: true }); });

interface Sent { uri: string; version: number; rules: string[] }

function editor(settings?: unknown): { project: EditorProject; sent: Sent[]; logged: string[] } {
  const sent: Sent[] = [];
  const logged: string[] = [];
  const client: EditorClient = {
    publish: async (uri, version, findings) => { sent.push({ uri, version, rules: findings.map((f) => f.rule) }); },
    publishFile: async () => undefined,
    refresh: () => undefined,
    log: (message) => { logged.push(message); },
  };
  const project = new EditorProject(nodeHost(), client);
  project.initialize([], settings);
  return { project, sent, logged };
}

/** Lets the checks waiting for no time (a document opened, a settings change) run, and what they publish be sent. */
const checksRun = () => new Promise((r) => setTimeout(r, 5));

/** Waits, a turn at a time, until `ok` holds (the checks are scheduled on timers). */
async function until(ok: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !ok(); i++) await checksRun();
  assert.ok(ok(), what);
}

describe('editor project', () => {
  test('a result is sent once: a re-check that finds the same sends nothing, an edit that changes it does', async () => {
    const { project, sent } = editor();
    const uri = 'file:///w/import.yaml';
    project.changed(uri, yaml('services:', '  - hostname: cache', '    type: valkey@8', '    mode: NON_HA'), 1);
    await until(() => sent.length === 1, 'the opened document is checked at once');
    assert.deepEqual(sent[0], { uri, version: 1, rules: ['valkey-version'] });

    project.settingsChanged(undefined);
    await checksRun();
    assert.equal(sent.length, 1, 'the same findings are not sent again');

    project.changed(uri, yaml('services:', '  - hostname: cache', '    type: valkey@7.2', '    mode: NON_HA'), 2);
    await until(() => sent.length === 2, 'an edit is checked after the quiet period');
    assert.deepEqual(sent[1], { uri, version: 2, rules: [] });
  });

  test('closing a buffer gives way to the file on disk: the zerops.yml is checked against it again', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'zerops-editor-'));
    made.push(folder);
    copyFileSync(join(FIXTURES, 'import.yaml'), join(folder, 'import.yaml'));
    mkdirSync(join(folder, 'app'));
    copyFileSync(join(FIXTURES, 'zerops.yml'), join(folder, 'app', 'zerops.yml'));
    const importUri = pathToFileURL(join(folder, 'import.yaml')).href;
    const zeropsUri = pathToFileURL(join(folder, 'app', 'zerops.yml')).href;
    const { project, sent, logged } = editor();
    project.initialize([pathToFileURL(folder).href], undefined);
    const last = () => sent.filter((s) => s.uri === zeropsUri).at(-1)?.rules.join();

    // The workspace check reads the folders first, and counts the open zerops.yml as shown.
    project.changed(zeropsUri, readFileSync(join(folder, 'app', 'zerops.yml'), 'utf8'), 1);
    assert.deepEqual(await project.checkWorkspace(), { files: 2, problems: 2 });
    await until(() => last() === BOTH.join(), 'checked against the import file read from disk');

    project.changed(importUri, HA_TEXT, 1);
    await until(() => last() === 'reference-unknown-variable', 'the HA buffer has the replica port');

    project.closed(importUri);
    await until(() => last() === BOTH.join(), 'the NON_HA file on disk is back in the index');
    assert.deepEqual(logged, []);
  });

  test('the gate: a YAML file that is no Zerops file, and a folder with zerops.enable false, get no settings', async () => {
    const on = editor().project;
    on.changed('file:///w/.github/workflows/ci.yml', yaml('on: push', 'jobs: {}'), 1);
    on.changed('file:///w/import.yaml', yaml('services:', '  - hostname: app', '    type: nodejs@22'), 1);
    assert.equal(await on.zeropsSettings('file:///w/.github/workflows/ci.yml'), undefined);
    assert.equal(on.kindOf('file:///w/import.yaml'), 'import');
    assert.equal((await on.zeropsSettings('file:///w/import.yaml'))?.enable, true);
    assert.equal(await on.zeropsSettings('file:///w/closed.yaml'), undefined);

    const off = editor({ enable: false }).project;
    off.changed('file:///w/import.yaml', yaml('services:', '  - hostname: app', '    type: nodejs@22'), 1);
    assert.equal(await off.zeropsSettings('file:///w/import.yaml'), undefined);
  });
});
