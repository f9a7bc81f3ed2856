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
    // VS Code reads a language's snippet files when it is first asked for them, so an early answer can lack
    // some (one CI run got no PHP snippet): ask again, for up to five seconds, until every one is there.
    let offered = new Set<string>();
    for (let attempt = 0; attempt < 20; attempt++) {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', target.uri, new vscode.Position(0, 0));
      offered = new Set(list.items
        .filter((i) => i.kind === vscode.CompletionItemKind.Snippet)
        .map((i) => (typeof i.label === 'string' ? i.label : i.label.label)));
      if (prefixes.every((p) => offered.has(p))) break;
      await sleep(250);
    }
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

  await issue23(folder);
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

const hintLabel = (h: vscode.InlayHint) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));

async function inlayHints(doc: vscode.TextDocument): Promise<vscode.InlayHint[]> {
  const range = new vscode.Range(0, 0, doc.lineCount, 0);
  return (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, range)) ?? [];
}

async function lensTitles(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
}

/** Issue 23: inlay hints, CodeLens, links, the empty file, and Check Workspace, through VS Code's own API. */
async function issue23(folder: vscode.Uri): Promise<void> {
  // 1. Inlay hints after references: values, a masked URL, "secret" for passwords; none shows a generated value.
  const imp = await open(folder, 'features/zerops-project-import.yml');
  const hintAt = async (key: string) => {
    const line = imp.getText().split('\n').findIndex((l) => l.trimStart().startsWith(`${key}:`));
    return (await inlayHints(imp)).filter((h) => h.position.line === line).map(hintLabel).join(' ');
  };
  let labels: string[] = [];
  const end = Date.now() + 20_000;
  while (!labels.includes('= 6379') && Date.now() < end) {
    labels = (await inlayHints(imp)).map(hintLabel);
    await sleep(100);
  }
  assert.equal(await hintAt('REDIS_PORT'), '= 6379');
  assert.equal(await hintAt('REDIS_URL'), '= redis://default:••••@redis.zerops:6379');
  assert.equal(await hintAt('DB_HOST'), '= db');
  assert.equal(await hintAt('DB_PASSWORD'), '= secret');
  assert.equal(await hintAt('DEPLOY_REGION'), '= eu-central');
  log(`inlay hints: ${labels.join(' | ')}`);

  // 2. CodeLens above services: the summary, and "used by" that opens the references peek with VS Code's types.
  const lenses = await lensTitles(imp);
  const titles = lenses.map((l) => l.command?.title);
  assert.ok(titles.includes('valkey:ha@7.2 · HA: three nodes · ports 6379, 6380, 7000, 7001'), JSON.stringify(titles));
  const used = lenses.find((l) => l.command?.title === 'used by web, setup web' && l.range.start.line === positionOf(imp, 'hostname: redis').line);
  assert.ok(used?.command, `a "used by web, setup web" lens above redis: ${JSON.stringify(titles)}`);
  assert.equal(used.command.command, 'editor.action.showReferences');
  const [uri, at, locations] = used.command.arguments as [vscode.Uri, vscode.Position, vscode.Location[]];
  assert.ok(uri instanceof vscode.Uri && at instanceof vscode.Position && locations.every((l) => l instanceof vscode.Location), 'arguments converted to VS Code types');
  await vscode.commands.executeCommand(used.command.command, ...used.command.arguments!);
  await vscode.commands.executeCommand('closeReferenceSearch');
  log(`lenses: ${titles.join(' | ')}`);

  // 3. Document links: the buildFromGit repository and the keys' documentation.
  const links = (await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', imp.uri)) ?? [];
  const targets = links.map((l) => l.target?.toString(true));
  assert.ok(targets.includes('https://github.com/example/shop'), JSON.stringify(targets));
  assert.ok(targets.includes('https://docs.zerops.io/references/import'), JSON.stringify(targets));

  // 4. A setup: who builds with it and what it extends; the extends hint says what it inherits.
  const yml = await open(folder, 'features/zerops.yml');
  const webLine = positionOf(yml, 'setup: web').line;
  let setupLens: (string | undefined)[] = [];
  for (const stop = Date.now() + 20_000; !setupLens.includes('used by web (zerops-project-import.yml)') && Date.now() < stop; await sleep(100)) {
    setupLens = (await lensTitles(yml)).filter((l) => l.range.start.line === webLine).map((l) => l.command?.title);
  }
  assert.deepEqual(setupLens, ['used by web (zerops-project-import.yml)', 'extends base']);
  const inherits = (await inlayHints(yml)).map(hintLabel);
  assert.ok(inherits.includes('inherits build, run.base, run.ports, run.start'), JSON.stringify(inherits));
  log(`setup web: ${setupLens.join(' | ')}; ${inherits.filter((l) => l.startsWith('inherits')).join('')}`);

  // 5. zerops.inlayHints.enabled: false takes them away; zerops.codeLens.enabled: false the lenses.
  const config = vscode.workspace.getConfiguration('zerops', folder);
  await config.update('inlayHints.enabled', false, vscode.ConfigurationTarget.Workspace);
  await config.update('codeLens.enabled', false, vscode.ConfigurationTarget.Workspace);
  try {
    const stop = Date.now() + 15_000;
    while ((await inlayHints(imp)).length || (await lensTitles(imp)).length) {
      if (Date.now() > stop) throw new Error('inlay hints or lenses stayed after turning them off');
      await sleep(100);
    }
    log('zerops.inlayHints.enabled / zerops.codeLens.enabled: false → none');
  } finally {
    await config.update('inlayHints.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    await config.update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Workspace);
  }

  // 6. A new, empty zerops.yml: information on what to write, not an error.
  const fresh = await open(folder, 'fresh/zerops.yml');
  const info = await until('the empty-file information', () => vscode.languages.getDiagnostics(fresh.uri).find((d) => codeOf(d) === 'file-empty'));
  assert.equal(info.severity, vscode.DiagnosticSeverity.Information);
  assert.deepEqual(vscode.languages.getDiagnostics(fresh.uri).map(codeOf), ['file-empty']);
  log(`empty zerops.yml: ${info.message}`);

  // 7. Zerops: Check Workspace lists the findings of a file that was never opened.
  const checked = vscode.Uri.joinPath(folder, 'checked/zerops.yml');
  assert.equal(vscode.workspace.textDocuments.some((d) => d.uri.toString() === checked.toString()), false, 'checked/zerops.yml is not open');
  const result = await vscode.commands.executeCommand<{ files: number; problems: number }>('zerops.checkWorkspace');
  assert.ok(result && result.files >= 8 && result.problems >= 2, JSON.stringify(result));
  const found = await until('findings of the unopened file', () => {
    const c = vscode.languages.getDiagnostics(checked).map(codeOf);
    return c.includes('base-version-unknown') ? c : undefined;
  });
  log(`Check Workspace: ${JSON.stringify(result)}; checked/zerops.yml: ${found.join(', ')}`);
}
