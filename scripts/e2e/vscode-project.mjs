// VS Code end to end for completion that knows the project and for living beside Red Hat's YAML extension,
// from the packaged .vsix in a fresh code-server (real VS Code 1.100.3) driven by Chromium:
//  1. a PHP project: typing `base: ` under run opens the bases by itself, php-nginx@8.3 first; the setup
//     snippet names the waiting service and its version (screenshots: completion-base.png, snippet-project.png);
//  2. with redhat.vscode-yaml installed beside it (a .vsix put in $ZEROPS_E2E_CACHE/vsix/ by hand: it is not
//     on the npm registry; without it this part is skipped, saying so) and a SchemaStore catalogue on
//     loopback mapping zerops.yml to Zerops' published schema ($ZEROPS_SCHEMAS): test/e2e/vscode/redhat-suite.ts
//     in the extension host, then the Problems panel (redhat-yaml.png).
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE, CHROMIUM, CODE_SERVER, freePort, launchChromium, startCodeServer, textPoint, tryAgain } from './code-server.mjs';
import { onCleanup, runMain, scratchDir } from './proc.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const VSIX = resolve(process.env.ZEROPS_VSIX || join(ROOT, 'zerops-lsp.vsix'));
const RED_HAT_VSIX_DIR = join(CACHE, 'vsix');
const SCHEMAS = resolve(ROOT, process.env.ZEROPS_SCHEMAS || '../shared/schemas');
const SUITE = join(ROOT, 'out/e2e/vscode/redhat-suite.js');
const HARNESS = join(ROOT, 'test/e2e/vscode/harness');
const FIXTURES = join(ROOT, 'test/e2e/fixtures');
const SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'docs/screenshots') : join(ROOT, 'out/e2e/screenshots');

const t0 = Date.now();
const stamp = (what) => console.log(`[vscode-project] ${((Date.now() - t0) / 1000).toFixed(1)} s  ${what}`);

/** A fresh code-server with our .vsix (and `others`) installed and `settings` as user settings, and a Chromium to drive it. */
async function workbench(name, settings, others = []) {
  const tmp = scratchDir(`zerops-e2e-${name}-`);
  const dir = (d) => { const p = join(tmp, d); mkdirSync(p, { recursive: true }); return p; };
  const { auth } = await startCodeServer(tmp, VSIX, { 'redhat.telemetry.enabled': false, ...settings }, others);
  stamp(`${name}: code-server up with ${[VSIX, ...others].map((v) => v.split('/').pop()).join(', ')}`);
  const ctx = await launchChromium(dir('chromium'));
  return { auth, ctx, tmp, dir };
}

/** The labels of the suggest widget's rows, top to bottom. */
function suggestions(page) {
  return page.locator('.suggest-widget .monaco-list-row').evaluateAll((rows) => rows
    .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
    .map((r) => r.querySelector('.label-name')?.textContent ?? ''));
}

/** Opens the file Quick Open lists for `query` on the row matching `row` (its name and folder). */
async function quickOpen(page, query, row) {
  await page.keyboard.press('Control+P');
  await page.keyboard.type(query);
  const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: row }).first();
  await pick.waitFor({ timeout: 15_000 });
  await pick.click();
}

async function openFile(page, label) {
  await page.locator(`.explorer-folders-view .monaco-list-row[aria-label*="${label}"]`).first().click({ timeout: 60_000 });
}

async function projectCompletion() {
  const wb = await workbench('project', {});
  const ws = wb.dir('ws');
  cpSync(join(FIXTURES, 'project'), ws, { recursive: true });
  const page = await wb.ctx.newPage();
  page.on('console', (msg) => { if (process.env.E2E_DEBUG) console.log(`[console:${msg.type()}] ${msg.text()}`); });
  onCleanup(() => process.exitCode && page.screenshot({ path: join(wb.tmp, 'x.png') }).catch(() => undefined));
  await page.goto(`http://${wb.auth}/?folder=${encodeURIComponent(ws)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });

  // 1. run.base of the PHP setup: `base: ` typed under run opens the list by itself.
  await openFile(page, 'zerops.yml');
  await page.locator('.monaco-editor .view-line', { hasText: 'documentRoot: public' }).first().waitFor({ timeout: 30_000 });
  // The server is up once it answers a hover (on the build base); asked again until it does.
  const start = await textPoint(page, 'php@8.3');
  await page.mouse.click(start.x, start.y);
  const hover = page.locator('.monaco-hover:visible', { hasText: 'PHP' }).first();
  for (let i = 0; !(await hover.isVisible()); i++) {
    if (i > 90) throw new Error('no hover from the server within 3 minutes');
    await page.mouse.move(1, 1);
    // Found again each time: CodeLens lines arriving above the setup move the text down.
    const php = await textPoint(page, 'php@8.3');
    await page.mouse.move(php.x, php.y);
    await hover.waitFor({ timeout: 2000 }).catch(() => undefined);
  }
  stamp('the server answers');
  await page.mouse.move(1, 1);
  const run = await textPoint(page, 'public'); // the editor draws spaces as no-break spaces
  await page.mouse.click(run.x + 400, run.y); // the end of the line
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('base: ', { delay: 60 });
  const first = page.locator('.suggest-widget .monaco-list-row', { hasText: 'php-nginx@8.3' }).first();
  await first.waitFor({ timeout: 30_000 }).catch(async (e) => {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'failed-completion-base.png') });
    throw e;
  });
  const rows = await suggestions(page);
  if (rows[0] !== 'php-nginx@8.3' || rows[1] !== 'php-apache@8.3') throw new Error(`run.base suggestions start ${rows.slice(0, 4).join(', ')}`);
  if (rows.some((r) => r.includes('/'))) throw new Error(`an OS-prefixed spelling is offered: ${rows.join(', ')}`);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, 'completion-base.png') });
  stamp(`run.base opened by the space: ${rows.slice(0, 5).join(', ')} …`);
  await page.keyboard.press('Escape');

  // 2. A new setup in new/zerops.yml: the PHP snippet names the service waiting for a setup, at its version.
  await quickOpen(page, 'new/zerops.yml', /zerops\.yml.*new/);
  await page.locator('.monaco-editor .view-line', { hasText: 'zerops:' }).first().waitFor({ timeout: 15_000 });
  await page.locator('.monaco-editor .view-line', { hasText: 'public' }).first().waitFor({ state: 'detached', timeout: 15_000 });
  await page.keyboard.press('Control+End');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('End');
  await page.keyboard.type('zerops-setup-php');
  await page.keyboard.press('Control+Space');
  await page.locator('.suggest-widget .monaco-list-row', { hasText: 'zerops-setup-php-nginx' }).first().waitFor({ timeout: 15_000 });
  const details = page.locator('.suggest-details', { hasText: 'php-nginx@8.3' }).first();
  if (!(await details.isVisible())) await page.keyboard.press('Control+Space');
  await details.waitFor({ timeout: 15_000 });
  const doc = await details.innerText();
  if (!/setup: app\b/.test(doc) || !doc.includes('base: php@8.3')) throw new Error(`the snippet's preview: ${JSON.stringify(doc.slice(0, 300))}`);
  await page.screenshot({ path: join(SHOTS, 'snippet-project.png') });
  await page.keyboard.press('Enter');
  await page.locator('.view-line', { hasText: 'base: php-nginx@8.3' }).first().waitFor({ timeout: 15_000 });
  stamp('the PHP setup snippet wrote setup: app, php@8.3 and php-nginx@8.3');
  await wb.ctx.close();
}

/** SchemaStore's catalogue and Zerops' published zerops.yml schema, on loopback. */
async function schemaStore() {
  const schema = readFileSync(join(SCHEMAS, 'zerops-yml-schema.json'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const catalog = JSON.stringify({
    $schema: 'https://json.schemastore.org/schema-catalog.json', version: 1,
    schemas: [{ name: 'zerops.yml', description: 'Zerops build and deploy configuration', fileMatch: ['zerops.yml', 'zerops.yaml'], url: `${base}/zerops-yml-json-schema.json` }],
  });
  const served = [];
  const srv = createServer((req, res) => {
    served.push(req.url);
    const body = req.url === '/catalog.json' ? catalog : req.url === '/zerops-yml-json-schema.json' ? schema : undefined;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(body ?? '{}');
  });
  await new Promise((r) => srv.listen(port, '127.0.0.1', r));
  onCleanup(() => new Promise((r) => srv.close(r)));
  return { url: `${base}/catalog.json`, served };
}

async function besideRedHat() {
  const redHat = existsSync(RED_HAT_VSIX_DIR) ? readdirSync(RED_HAT_VSIX_DIR).filter((f) => /^redhat\.vscode-yaml.*\.vsix$/.test(f)).sort().pop() : undefined;
  if (!redHat) {
    console.log(`[vscode-project] SKIPPED beside Red Hat YAML: no redhat.vscode-yaml*.vsix in ${RED_HAT_VSIX_DIR}. Red Hat's extension is not on the npm registry; put its .vsix there (from the VS Code Marketplace, Open VSX, or built from its public source) to run this part.`);
    return;
  }
  if (!existsSync(join(SCHEMAS, 'zerops-yml-schema.json'))) throw new Error(`Zerops' published schema is missing: ${join(SCHEMAS, 'zerops-yml-schema.json')} (ZEROPS_SCHEMAS)`);
  const store = await schemaStore();
  const wb = await workbench('redhat', { 'yaml.schemaStore.enable': true, 'yaml.schemaStore.url': store.url }, [join(RED_HAT_VSIX_DIR, redHat)]);
  const ws = wb.dir('ws');
  cpSync(join(FIXTURES, 'redhat'), ws, { recursive: true });
  const workspaceFile = join(ws, 'both.code-workspace');
  writeFileSync(workspaceFile, JSON.stringify({ folders: [{ path: 'on' }, { path: 'off' }] }));

  const page = await wb.ctx.newPage();
  const errors = [];
  page.on('console', (msg) => {
    const text = msg.text();
    if (process.env.E2E_DEBUG) console.log(`[console:${msg.type()}] ${text}`);
    if (text.includes('[e2e]')) console.log(`[vscode-project]   ${text.slice(text.indexOf('[e2e]'))}`);
    else if (msg.type() === 'error' && !/open-vsx\.org|Failed to load resource/.test(text)) errors.push(text);
  });
  const exit = new Promise((res) => page.exposeFunction('codeAutomationExit', (code) => res(code)));
  const payload = [['extensionDevelopmentPath', `vscode-remote://${wb.auth}${HARNESS}`], ['extensionTestsPath', `vscode-remote://${wb.auth}${SUITE}`]];
  await page.goto(`http://${wb.auth}/?workspace=${encodeURIComponent(workspaceFile)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  const code = await Promise.race([exit, new Promise((r) => setTimeout(() => r('no result within 150 s'), 150_000))]);
  if (code !== 0) throw new Error(`the Red Hat suite failed (exit ${code}); workbench errors:\n${errors.slice(-15).join('\n')}`);
  if (!store.served.includes('/zerops-yml-json-schema.json')) throw new Error(`Red Hat never fetched the schema from the catalogue: ${store.served.join(', ')}`);
  stamp(`beside ${redHat}: suite passed (SchemaStore served ${store.served.join(', ')})`);
  await page.close();

  // What a user sees: the Problems panel with the wrong base, once, from zerops (a fresh copy of the workspace).
  const wsUi = wb.dir('ws-ui');
  cpSync(join(FIXTURES, 'redhat'), wsUi, { recursive: true });
  const uiWorkspace = join(wsUi, 'both.code-workspace');
  writeFileSync(uiWorkspace, JSON.stringify({ folders: [{ path: 'on' }, { path: 'off' }] }));
  const ui = await wb.ctx.newPage();
  // Now and then code-server opens this second page of the same profile with no folder at all ("You have
  // not yet added a folder to the workspace", the workspace in the URL ignored): load it again until the
  // explorer shows the workspace's folders.
  await tryAgain(4, async () => {
    await ui.goto(`http://${wb.auth}/?workspace=${encodeURIComponent(uiWorkspace)}`);
    await ui.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await ui.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 20_000 });
  }, (failed) => stamp(`trying again after: ${failed}`));
  await quickOpen(ui, 'zerops.yml', /zerops\.yml.*on/); // the folder on (off has no "on")
  await ui.locator('.monaco-editor .view-line', { hasText: 'nodejs@22' }).first().waitFor({ timeout: 30_000 });
  const base = await textPoint(ui, 'nodejs@22', 'nodejs@'.length);
  await ui.mouse.dblclick(base.x, base.y);
  await ui.keyboard.type('99');
  await ui.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 60_000 });
  await ui.keyboard.press('Control+Shift+M');
  const row = ui.locator('.markers-panel .monaco-list-row', { hasText: 'base-version-unknown' }).first();
  await row.waitFor({ timeout: 30_000 });
  await new Promise((r) => setTimeout(r, 3000)); // Red Hat's check of the edit (it waits before it validates)
  const problems = await ui.locator('.markers-panel .monaco-list-row').evaluateAll((rs) => rs.map((r) => r.getAttribute('aria-label') ?? r.textContent ?? ''));
  const errorsShown = problems.filter((p) => /error/i.test(p) && !/zerops\.yml$/.test(p.trim()));
  await ui.keyboard.press('Control+End');
  await ui.mouse.move(1, 1);
  await ui.screenshot({ path: join(SHOTS, 'redhat-yaml.png') });
  stamp(`Problems panel: ${problems.length} rows: ${problems.map((p) => p.slice(0, 80)).join(' | ')}`);
  if (errorsShown.length !== 1) throw new Error(`expected exactly one error in the Problems panel: ${problems.join(' | ')}`);
  await wb.ctx.close();
}

async function main() {
  for (const [what, path] of [['code-server (run scripts/e2e/provision.sh)', CODE_SERVER], ['the .vsix (npm run package)', VSIX], ['the built suite', SUITE], ['chromium', CHROMIUM]]) {
    if (!existsSync(path)) throw new Error(`missing ${what}: ${path}`);
  }
  await projectCompletion();
  await besideRedHat();
  stamp(`screenshots in ${SHOTS}`);
}

runMain('vscode-project', main, Number(process.env.ZEROPS_E2E_TIMEOUT_MS || 300_000));
