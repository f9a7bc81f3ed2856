// Runs inside code-server's extension host with two installed extensions: ours (.vsix) and Red Hat's YAML
// (redhat.vscode-yaml, built from its public source), whose server reads a SchemaStore catalogue served on
// loopback that maps zerops.yml to Zerops' published schema. The workspace has two folders with the same
// correct zerops.yml (bare bases, Go durations): `on` (Zerops enabled) and `off` (`zerops.enable: false`).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const log = (line: string): void => console.log(`[e2e] ${line}`);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => T | undefined, ms = 45_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(100);
  }
}

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);
const describe = (ds: readonly vscode.Diagnostic[]) => ds.map((d) => `${d.source}:${codeOf(d) ?? ''} ${d.range.start.line + 1}: ${d.message}`).join(' | ');
const errors = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
const fromRedHat = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source !== 'zerops');

/** The diagnostics once both servers have been quiet for `quietMs` (no change in what is shown). */
async function settled(uri: vscode.Uri, quietMs = 4000): Promise<vscode.Diagnostic[]> {
  let last = '';
  let since = Date.now();
  const end = Date.now() + 45_000;
  for (;;) {
    const now = describe(vscode.languages.getDiagnostics(uri));
    if (now !== last) { last = now; since = Date.now(); }
    if (Date.now() - since >= quietMs) return vscode.languages.getDiagnostics(uri);
    if (Date.now() > end) throw new Error(`diagnostics of ${uri.path} kept changing: ${now}`);
    await sleep(100);
  }
}

export async function run(): Promise<void> {
  const [on, off] = ['on', 'off'].map((name) => vscode.workspace.workspaceFolders?.find((f) => f.name === name)?.uri);
  assert.ok(on && off, 'the workspace has the folders on and off');
  const redHat = vscode.extensions.getExtension('redhat.vscode-yaml');
  assert.ok(redHat, 'Red Hat YAML is installed');

  // 1. The folder with zerops.enable: false is Red Hat's: SchemaStore's schema applies, with its false errors.
  const offDoc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(off, 'zerops.yml'));
  await vscode.window.showTextDocument(offDoc);
  const falseErrors = await until('Red Hat\'s schema errors in off/zerops.yml', () => {
    const e = fromRedHat(offDoc.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    return e.length >= 3 ? e : undefined;
  });
  assert.ok(redHat.isActive, 'Red Hat YAML activated');
  assert.ok(falseErrors.some((d) => /nodejs@22/.test(offDoc.getText(d.range)) || /alpine\/nodejs/.test(d.message)), `a bare base refused: ${describe(falseErrors)}`);
  assert.ok(falseErrors.some((d) => /integer/i.test(d.message)), `a duration refused: ${describe(falseErrors)}`);
  assert.deepEqual(vscode.languages.getDiagnostics(offDoc.uri).filter((d) => d.source === 'zerops'), [], 'zerops is off there');
  log(`off/zerops.yml, Red Hat with SchemaStore's schema: ${falseErrors.length} false errors (${falseErrors.map((d) => d.message.split('\n')[0]).slice(0, 3).join('; ')})`);

  // 2. The same file where Zerops is on: no error at all, from either server.
  const onDoc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(on, 'zerops.yml'));
  const editor = await vscode.window.showTextDocument(onDoc);
  const clean = await settled(onDoc.uri);
  assert.deepEqual(describe(clean.filter((d) => d.severity === vscode.DiagnosticSeverity.Error)), '', 'no error in on/zerops.yml');
  assert.deepEqual(describe(fromRedHat(onDoc.uri)), '', 'Red Hat reports nothing on a file Zerops claims');
  log(`on/zerops.yml: ${clean.length} diagnostics, none an error, none from Red Hat`);

  // 3. A wrong base there: exactly one error, ours.
  const at = onDoc.getText().lastIndexOf('base: nodejs@22') + 'base: nodejs@'.length;
  await editor.edit((e) => e.replace(new vscode.Range(onDoc.positionAt(at), onDoc.positionAt(at + 2)), '99'));
  await until('base-version-unknown', () => errors(onDoc.uri).find((d) => codeOf(d) === 'base-version-unknown'));
  const wrong = errors(await settled(onDoc.uri).then(() => onDoc.uri));
  assert.equal(wrong.length, 1, `exactly one error: ${describe(wrong)}`);
  assert.equal(wrong[0].source, 'zerops');
  assert.deepEqual(describe(fromRedHat(onDoc.uri)), '', 'still nothing from Red Hat after an edit');
  log(`run.base nodejs@99: exactly one error, ${codeOf(wrong[0])}: ${wrong[0].message}`);

  // 4. Hover and completion once: Red Hat offers nothing from a schema on a claimed file.
  const basePos = onDoc.positionAt(onDoc.getText().indexOf('base: nodejs@22') + 2);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', onDoc.uri, basePos);
  // Red Hat's server answers with an empty hover, which the editor does not show.
  const hoverTexts = hovers.map((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join(' ').trim()).filter(Boolean);
  assert.equal(hoverTexts.length, 1, `one hover: ${JSON.stringify(hoverTexts)}`);
  assert.match(hoverTexts[0], /build\.base/);
  const valuePos = onDoc.positionAt(onDoc.getText().indexOf('base: nodejs@22') + 'base: '.length);
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', onDoc.uri, valuePos);
  const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
  assert.ok(labels.includes('nodejs@22'), labels.slice(0, 10).join());
  assert.equal(new Set(labels).size, labels.length, `each value once: ${labels.filter((l, i) => labels.indexOf(l) !== i).join()}`);
  assert.ok(!labels.some((l) => l.startsWith('alpine/')), 'no schema enum values from Red Hat');
  log(`hover: 1 result; completion at build.base: ${labels.length} values, each once`);

  // 5. A YAML syntax error shows once: Red Hat's; ours (yaml-syntax) steps back while Red Hat checks syntax.
  await editor.edit((e) => e.insert(onDoc.positionAt(onDoc.getText().length), '  - setup: [unclosed\n'));
  const redHatSyntax = await until('Red Hat\'s syntax error', () => {
    const all = fromRedHat(onDoc.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    return all.length ? all : undefined;
  });
  await until('our check of the edit', () => errors(onDoc.uri).find((d) => d.source === 'zerops' && codeOf(d) !== 'base-version-unknown'));
  const ours = vscode.languages.getDiagnostics(onDoc.uri).filter((d) => codeOf(d) === 'yaml-syntax');
  assert.deepEqual(describe(ours), '', 'the syntax error is not shown twice');
  log(`syntax error: Red Hat's (${describe(redHatSyntax).slice(0, 100)}), no yaml-syntax from zerops`);
  // Back to the file on disk, for the walk through the workbench that follows.
  await vscode.commands.executeCommand('workbench.action.files.revert');
}
