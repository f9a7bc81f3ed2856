// Runs inside code-server's real extension host (the extensionTestsPath route): the workbench loads this
// module next to an empty harness extension and calls run(); a throw fails the run with its message. The
// extension under test is the one installed from the .vsix, talking to its own language server process.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'zerops-tools.zerops-lsp';

const log = (line: string): void => console.log(`[e2e] ${line}`);

async function until<T>(what: string, probe: () => T | undefined, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function codeOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

async function open(folder: vscode.Uri, name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, name));
  await vscode.window.showTextDocument(doc);
  assert.equal(doc.languageId, 'yaml', `${name} opens as YAML`);
  return doc;
}

function positionOf(doc: vscode.TextDocument, needle: string, within = 0): vscode.Position {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" is in ${doc.fileName}`);
  return doc.positionAt(at + within);
}

export async function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  assert.ok(folder, 'the workbench opened a folder');

  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is installed`);
  assert.ok(ext.extensionPath.endsWith(`/${EXTENSION_ID}-${ext.packageJSON.version}`), `loaded from the installed .vsix, not a dev folder: ${ext.extensionPath}`);
  log(`extension installed at ${ext.extensionPath}`);

  // An import file with valkey@8: the extension activates on YAML and its server reports the version.
  const doc = await open(folder, 'import.yaml');
  const diag = await until('the valkey-version diagnostic', () =>
    vscode.languages.getDiagnostics(doc.uri).find((d) => codeOf(d) === 'valkey-version'));
  assert.ok(ext.isActive, 'the extension activated on a YAML file');
  assert.equal(diag.severity, vscode.DiagnosticSeverity.Error);
  assert.equal(diag.source, 'zerops');
  const eight = positionOf(doc, 'valkey@8', 'valkey@'.length);
  assert.deepEqual([diag.range.start, diag.range.end].map((p) => [p.line, p.character]), [[eight.line, eight.character], [eight.line, eight.character + 1]]);
  assert.match(diag.message, /7\.2/);
  assert.deepEqual(vscode.languages.getDiagnostics(doc.uri).map(codeOf), ['valkey-version'], 'nothing else is reported');
  log(`diagnostic ${codeOf(diag)} at ${diag.range.start.line}:${diag.range.start.character}: ${diag.message}`);

  // Hover on the primary port inside the connection URL names what the port is for.
  const port = positionOf(doc, ':6379', 2);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, port);
  const text = hoverText(hovers);
  assert.ok(text.includes('6379') && /read/i.test(text), `hover on 6379 explains the port: ${JSON.stringify(text)}`);
  log(`hover on 6379: ${JSON.stringify(text.split('\n')[0])}`);

  // Completion inside ${cache_…}: the variables of a single-node Valkey, without the replica ones.
  const inRef = positionOf(doc, '${cache_', '${cache_'.length);
  const vars = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, inRef);
  const labels = vars.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
  assert.ok(labels.includes('connectionString') && labels.includes('password'), `variables offered: ${labels}`);
  assert.ok(!labels.includes('portReplicas'), 'no replica variable on a single node');
  log(`completion in \${cache_: ${labels.length} items, connectionString first: ${labels[0] === 'connectionString'}`);

  // The quick fix, applied through the editor, gives exactly the fixed text, and the diagnostic goes away.
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diag.range);
  const fix = actions.find((a) => a.title === 'Use Valkey 7.2');
  assert.ok(fix?.edit, `quick fix offered: ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.equal(fix.isPreferred, true);
  assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
  const before = doc.getText();
  assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the edit applies');
  assert.equal(doc.getText(), before.replace('type: valkey@8\n', 'type: valkey@7.2\n'));
  await until('the diagnostics to clear after the fix', () => (vscode.languages.getDiagnostics(doc.uri).length === 0 ? true : undefined));
  log('quick fix applied; no diagnostics left');

  // Every client-code snippet the package contributes is loaded: the editor's own completion offers it in
  // an empty document of its language. The YAML snippets are the server's (below), not contributed.
  const byLanguage = new Map<string, string[]>();
  for (const c of ext.packageJSON.contributes.snippets as { language: string; path: string }[]) {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, c.path));
    const prefixes = Object.values(JSON.parse(Buffer.from(bytes).toString('utf8')) as Record<string, { prefix: string }>).map((sn) => sn.prefix);
    byLanguage.set(c.language, [...(byLanguage.get(c.language) ?? []), ...prefixes]);
  }
  assert.ok(!byLanguage.has('yaml'), 'no YAML snippets are contributed');
  for (const [language, prefixes] of byLanguage) {
    const target = await vscode.workspace.openTextDocument({ language, content: '' });
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', target.uri, new vscode.Position(0, 0));
    const offered = new Set(list.items
      .filter((i) => i.kind === vscode.CompletionItemKind.Snippet)
      .map((i) => (typeof i.label === 'string' ? i.label : i.label.label)));
    assert.deepEqual(prefixes.filter((p) => !offered.has(p)), [], `every ${language} snippet is offered`);
    log(`snippets (${language}): ${prefixes.join(', ')}`);
  }

  // The project preview's command is registered once the extension runs.
  assert.ok((await vscode.commands.getCommands(true)).includes('zerops.previewProject'), 'Zerops: Preview Project is a command');

  await issue16(folder);

  // A YAML file that is not a Zerops file (a list of containers full of Valkey words) gets nothing from us.
  const other = await open(folder, 'stack.yaml');
  await sleep(2_000); // the server debounces by 150 ms and answered the import file within that
  assert.deepEqual(vscode.languages.getDiagnostics(other.uri), [], 'no diagnostics on stack.yaml');
  const otherHover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', other.uri, positionOf(other, ':6379', 2));
  assert.equal(hoverText(otherHover), '', 'no hover on stack.yaml');
  const otherActions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', other.uri, new vscode.Range(0, 0, other.lineCount, 0));
  assert.deepEqual(otherActions.map((a) => a.title), [], 'no code actions on stack.yaml');
  log('stack.yaml: no diagnostics, hover or code actions');

  // zerops.yml is checked against the import file of the workspace: the replica port of a single-node
  // Valkey and a variable Valkey does not have. Making the import buffer HA clears the port error there.
  const yml = await open(folder, 'zerops.yml');
  const codesIn = (d: vscode.TextDocument) => vscode.languages.getDiagnostics(d.uri).map(codeOf).sort().join(',');
  await until('zerops.yml diagnostics from the import file', () =>
    (codesIn(yml) === 'reference-unknown-variable,valkey-replica-port' ? true : undefined));
  const replicaDiag = vscode.languages.getDiagnostics(yml.uri).find((d) => codeOf(d) === 'valkey-replica-port')!;
  assert.equal(yml.getText(replicaDiag.range), '7000');
  const refHover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', yml.uri, positionOf(yml, '${cache_password}', 3)));
  assert.ok(refHover.includes('cache') && /password/i.test(refHover), `hover on \${cache_password} in zerops.yml explains it: ${JSON.stringify(refHover)}`);
  log(`zerops.yml: ${codesIn(yml)}`);
  const ha = new vscode.WorkspaceEdit();
  const modeAt = doc.getText().indexOf('mode: NON_HA') + 'mode: '.length;
  ha.replace(doc.uri, new vscode.Range(doc.positionAt(modeAt), doc.positionAt(modeAt + 'NON_HA'.length)), 'HA');
  assert.ok(await vscode.workspace.applyEdit(ha), 'the mode edit applies');
  await until('the replica-port error in zerops.yml to clear once the import buffer says HA', () =>
    (codesIn(yml) === 'reference-unknown-variable' ? true : undefined));
  assert.equal(yml.version, 1, 'zerops.yml itself was not edited');
  log('zerops.yml: the replica-port error cleared after the import file became HA');

  // A zerops.yml of its own: a build base Zerops does not offer is an error with the nearest-base fix, a
  // hover on the run base explains it, and the fix applied through the editor clears the error.
  const api = await open(folder, 'api/zerops.yml');
  const baseDiag = await until('the base-version-unknown diagnostic in api/zerops.yml', () =>
    vscode.languages.getDiagnostics(api.uri).find((d) => codeOf(d) === 'base-version-unknown'));
  assert.equal(baseDiag.severity, vscode.DiagnosticSeverity.Error);
  assert.equal(baseDiag.range.start.line, positionOf(api, 'nodejs@99').line);
  assert.ok(api.getText(baseDiag.range).includes('99'), `the error marks the version: ${api.getText(baseDiag.range)}`);
  assert.deepEqual(vscode.languages.getDiagnostics(api.uri).map(codeOf), ['base-version-unknown'], 'nothing else is reported in api/zerops.yml');
  log(`api/zerops.yml: ${codeOf(baseDiag)}: ${baseDiag.message}`);
  const baseHover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', api.uri, positionOf(api, 'nodejs@22', 2)));
  assert.ok(baseHover.includes('**Node.js**') && baseHover.includes('Versions in run'), `hover on the run base explains it: ${JSON.stringify(baseHover)}`);
  log(`hover on run.base: ${JSON.stringify(baseHover.split('\n')[0])}`);
  const baseFixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', api.uri, baseDiag.range);
  const nearest = baseFixes.find((a) => a.title === 'Change to nodejs@24');
  assert.ok(nearest?.edit, `nearest-base fix offered: ${JSON.stringify(baseFixes.map((a) => a.title))}`);
  const apiBefore = api.getText();
  assert.ok(await vscode.workspace.applyEdit(nearest.edit), 'the base fix applies');
  assert.equal(api.getText(), apiBefore.replace('base: nodejs@99', 'base: nodejs@24'));
  await until('the base error to clear after the fix', () => (vscode.languages.getDiagnostics(api.uri).length === 0 ? true : undefined));
  log('api/zerops.yml: nearest-base fix applied; no diagnostics left');
}

const labelOf = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);

async function completionAt(doc: vscode.TextDocument, at: vscode.Position): Promise<vscode.CompletionItem[]> {
  return (await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at)).items;
}

async function hoverAt(doc: vscode.TextDocument, at: vscode.Position): Promise<string> {
  return hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at));
}

/**
 * Accepts `label` from the suggest widget as a user does (trigger, then Enter's command) with the cursor
 * at the end of `lineText`; gives the cursor afterwards. Retries while the widget is still loading.
 */
async function accept(doc: vscode.TextDocument, lineText: string, label: string): Promise<{ line: number; cursor: vscode.Position }> {
  const editor = await vscode.window.showTextDocument(doc);
  const line = doc.getText().split('\n').indexOf(lineText);
  assert.ok(line >= 0, `"${lineText}" is a line of ${doc.fileName}`);
  for (let attempt = 0; attempt < 10; attempt++) {
    const before = doc.getText();
    const at = new vscode.Position(line, lineText.length);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    await sleep(800 + attempt * 400);
    await vscode.commands.executeCommand('acceptSelectedSuggestion');
    await sleep(200);
    if (doc.getText() !== before) {
      assert.ok(doc.lineAt(line).text.includes(label), `accepted ${label}: ${JSON.stringify(doc.lineAt(line).text)}`);
      return { line, cursor: editor.selection.active };
    }
    await vscode.commands.executeCommand('hideSuggestWidget');
  }
  throw new Error(`the suggest widget never accepted ${label}`);
}

/** Issue 16: quiet outside Zerops files and when disabled; nested keys indented once; snippets in place; disable fix. */
async function issue16(folder: vscode.Uri): Promise<void> {
  // 1. A workflow file: no hover on ${cache_user}, no hostnames after ${, though the import file has them.
  const ci = await open(folder, '.github/workflows/ci.yml');
  await sleep(1_000);
  assert.equal(await hoverAt(ci, positionOf(ci, '${cache_user}', 3)), '', 'no hover in a workflow file');
  const afterBrace = positionOf(ci, 'HOST: ${', 'HOST: ${'.length);
  const ciItems = await completionAt(ci, afterBrace);
  assert.deepEqual(ciItems.filter((i) => i.kind === vscode.CompletionItemKind.Module).map(labelOf), [], 'no hostnames offered in a workflow file');
  log(`workflow file: no hover, no hostnames (${ciItems.length} word suggestions from the editor itself)`);

  // 2. Nested keys, accepted from the suggest widget: the cursor lands at column 6, under the key's map.
  const typing = await open(folder, 'zerops-typing-import.yml');
  await until('diagnostics on the typing file', () => (vscode.languages.getDiagnostics(typing.uri).length > 0 ? true : undefined));
  for (const [typed, key] of [['    vert', 'verticalAutoscaling'], ['    envS', 'envSecrets']]) {
    const { line, cursor } = await accept(typing, typed, key);
    assert.equal(typing.lineAt(line).text, `    ${key}:`);
    assert.deepEqual([cursor.line, cursor.character], [line + 1, 6], `cursor after accepting ${key}`);
    assert.equal(typing.lineAt(line + 1).text, '      ');
    log(`accepted ${key} on line ${line}: cursor at ${cursor.line}:${cursor.character} (column 7 as the status bar counts)`);
  }

  // 3. Snippets: the server's at a new item of services:, none at a value.
  const item = new vscode.Position(typing.getText().split('\n').indexOf('  - '), 4);
  const atItem = (await completionAt(typing, item)).filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map(labelOf).sort();
  assert.deepEqual(atItem, ['zerops-runtime', 'zerops-valkey', 'zerops-valkey-ha'], 'snippets at a list item');
  const atValue = (await completionAt(typing, positionOf(typing, 'valkey:single', 4))).filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map(labelOf);
  assert.deepEqual(atValue, [], 'no snippet at a value');
  log(`snippets at a list item: ${atItem.join(', ')}; at type: valk… none`);

  // 4. A placeholder in a completion doc survives as text (escaped, not taken for HTML).
  const cs = (await completionAt(typing, positionOf(typing, '${cache_connectionString}', '${cache_'.length))).find((i) => labelOf(i) === 'connectionString');
  const docValue = typeof cs?.documentation === 'string' ? cs.documentation : cs?.documentation?.value ?? '';
  assert.ok(docValue.includes('\\<password\\>'), `the placeholder is escaped: ${JSON.stringify(docValue)}`);

  // 5. Disable for this line, from the lightbulb: not preferred; applied, the finding goes.
  const tls = await until('the TLS warning', () => vscode.languages.getDiagnostics(typing.uri).find((d) => codeOf(d) === 'valkey-tls-internal'));
  assert.ok(!tls.message.includes('`'), `no raw backticks: ${tls.message}`);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', typing.uri, tls.range);
  const disable = actions.find((a) => a.title === 'Disable valkey-tls-internal for this line');
  assert.ok(disable?.edit && !disable.isPreferred, `disable offered: ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.ok(actions.some((a) => a.title === 'Disable valkey-tls-internal for this file'));
  assert.ok(await vscode.workspace.applyEdit(disable.edit));
  assert.ok(typing.getText().includes('      # zerops-disable-next-line valkey-tls-internal\n      REDIS_TLS_URL:'));
  await until('the TLS warning to go', () => (vscode.languages.getDiagnostics(typing.uri).some((d) => codeOf(d) === 'valkey-tls-internal') ? undefined : true));
  log('disable for this line applied; the warning went');

  // 6. zerops.enable: false: hover and completion go with the squiggles; true brings them back.
  const doc = await open(folder, 'import.yaml');
  const port = positionOf(doc, ':6379', 2);
  assert.notEqual(await hoverAt(doc, port), '');
  const config = vscode.workspace.getConfiguration('zerops', folder);
  await config.update('enable', false, vscode.ConfigurationTarget.Workspace);
  try {
    const quiet = async () => (await hoverAt(doc, port)) === '' && vscode.languages.getDiagnostics(doc.uri).length === 0;
    const end = Date.now() + 15_000;
    while (!(await quiet())) {
      if (Date.now() > end) throw new Error('hover or diagnostics stayed with zerops.enable: false');
      await sleep(100);
    }
    const items = await completionAt(doc, positionOf(doc, '${cache_', '${cache_'.length));
    assert.deepEqual(items.filter((i) => i.kind === vscode.CompletionItemKind.Variable).map(labelOf), [], 'no variables offered when disabled');
    log('zerops.enable: false → no hover, completion or diagnostics');
  } finally {
    await config.update('enable', undefined, vscode.ConfigurationTarget.Workspace);
  }
  const end = Date.now() + 15_000;
  while ((await hoverAt(doc, port)) === '') {
    if (Date.now() > end) throw new Error('hover did not come back with zerops.enable restored');
    await sleep(100);
  }
}
