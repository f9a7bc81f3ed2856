// VS Code end to end, from the packaged .vsix: install it into a fresh code-server (real VS Code 1.100.3),
// run test/e2e/vscode/suite.ts inside its extension host, then walk the real workbench in Chromium and
// take the README's screenshots. Exits 1 with the reason on any failure; stops everything it started.
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CODE_SERVER, launchChromium, startCodeServer, textPoint } from './code-server.mjs';
import { runMain, scratchDir } from './proc.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const VSIX = resolve(process.env.ZEROPS_VSIX || join(ROOT, 'zerops-lsp.vsix'));
const SUITE = join(ROOT, 'out/e2e/vscode/suite.js');
const HARNESS = join(ROOT, 'test/e2e/vscode/harness');
const FIXTURES = join(ROOT, 'test/e2e/fixtures');
// The README's screenshots are rewritten only on request (UPDATE_SCREENSHOTS=1): an ordinary run, CI
// included, saves them under out/e2e/screenshots (ignored by git), so testing leaves the tree as it was.
const README_SHOTS = join(ROOT, 'docs/screenshots');

const t0 = Date.now();
const stamp = (what) => console.log(`[vscode] ${((Date.now() - t0) / 1000).toFixed(1)} s  ${what}`);

async function main() {
  for (const [what, path] of [['code-server (run scripts/e2e/provision.sh)', CODE_SERVER], ['the .vsix (npm run package)', VSIX], ['the built suite', SUITE], ['chromium', CHROMIUM]]) {
    if (!existsSync(path)) throw new Error(`missing ${what}: ${path}`);
  }

  const tmp = scratchDir('zerops-e2e-vscode-');
  const SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? README_SHOTS : join(ROOT, 'out/e2e/screenshots');
  const dir = (name) => { const d = join(tmp, name); mkdirSync(d, { recursive: true }); return d; };
  const wsApi = dir('ws-api');
  const wsUi = dir('ws-ui');
  cpSync(join(FIXTURES, 'import.yaml'), join(wsApi, 'import.yaml'));
  cpSync(join(FIXTURES, 'stack.yaml'), join(wsApi, 'stack.yaml'));
  cpSync(join(FIXTURES, 'zerops.yml'), join(wsApi, 'zerops.yml'));
  cpSync(join(FIXTURES, 'zerops-typing-import.yml'), join(wsApi, 'zerops-typing-import.yml'));
  mkdirSync(join(wsApi, '.github/workflows'), { recursive: true });
  cpSync(join(FIXTURES, 'ci.yml'), join(wsApi, '.github/workflows/ci.yml'));
  cpSync(join(FIXTURES, 'api'), join(wsApi, 'api'), { recursive: true });
  cpSync(join(FIXTURES, 'import.yaml'), join(wsUi, 'import.yaml'));
  const wsPlan = dir('ws-plan');
  for (const f of ['import.yaml', 'zerops.yml']) cpSync(join(ROOT, 'test/fixtures/plan/shop', f), join(wsPlan, f));

  const { auth, installed } = await startCodeServer(tmp, VSIX);
  stamp(`installed ${installed} from ${VSIX}; code-server up on ${auth}`);

  const ctx = await launchChromium(dir('chromium'));
  stamp('chromium up');

  // 1. The suite inside the extension host. The workbench reports the result through codeAutomationExit.
  const page = await ctx.newPage();
  const errors = [];
  page.on('console', (msg) => {
    const text = msg.text();
    if (process.env.E2E_DEBUG) console.log(`[console:${msg.type()}] ${text}`);
    if (text.includes('[e2e]')) console.log(`[vscode]   ${text.slice(text.indexOf('[e2e]'))}`);
    else if (msg.type() === 'error' && !/open-vsx\.org|Failed to load resource/.test(text)) errors.push(text);
  });
  const exit = new Promise((res) => page.exposeFunction('codeAutomationExit', (code) => res(code)));
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${auth}${HARNESS}`],
    ['extensionTestsPath', `vscode-remote://${auth}${SUITE}`],
  ];
  await page.goto(`http://${auth}/?folder=${encodeURIComponent(wsApi)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  const code = await Promise.race([exit, new Promise((r) => setTimeout(() => r('no result within 120 s'), 120_000))]);
  if (code !== 0) {
    throw new Error(`the extension-host suite failed (exit ${code}); workbench errors:\n${errors.slice(-15).join('\n')}`);
  }
  stamp('extension-host suite passed');
  await page.close();

  // 2. What a user sees: the squiggle, the hover on a port, the quick-fix menu.
  const ui = await ctx.newPage();
  await ui.goto(`http://${auth}/?folder=${encodeURIComponent(wsUi)}`);
  await ui.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await ui.locator('.explorer-folders-view .monaco-list-row[aria-label*="import.yaml"]').click({ timeout: 60_000 });
  await ui.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 60_000 });
  await ui.keyboard.press('Control+Shift+M');
  await ui.locator('.markers-panel .monaco-list-row', { hasText: 'valkey-version' }).first().waitFor({ timeout: 15_000 });
  const eight = await textPoint(ui, 'valkey@8', 7, 8);
  await ui.mouse.click(eight.x, eight.y);
  await ui.keyboard.press('Control+End'); // the cursor away from the squiggle
  await ui.mouse.move(1, 1);
  mkdirSync(SHOTS, { recursive: true });
  await ui.screenshot({ path: join(SHOTS, 'squiggle.png') });
  stamp('squiggle and problem shown');

  const port6379 = await textPoint(ui, ':6379', 1);
  await ui.mouse.move(port6379.x, port6379.y);
  await ui.locator('.monaco-hover:visible', { hasText: 'Port 6379' }).first().waitFor({ timeout: 15_000 });
  await ui.screenshot({ path: join(SHOTS, 'hover.png') });
  stamp('hover on 6379 shown');

  await ui.mouse.move(1, 1);
  await ui.keyboard.press('Escape');
  await ui.mouse.click(eight.x, eight.y);
  await ui.keyboard.press('Control+.');
  await ui.locator('.action-widget', { hasText: 'Use Valkey 7.2' }).first().waitFor({ timeout: 15_000 });
  await ui.screenshot({ path: join(SHOTS, 'quick-fix.png') });
  stamp('quick-fix menu shown');
  await ui.keyboard.press('Escape');

  // 3. The server's snippets at a new item of services: (the README's snippets.png), then a completion
  // doc whose placeholders must show as text in the rendered details (not be taken for HTML tags).
  await ui.keyboard.press('Control+End');
  await ui.keyboard.type('  - zer');
  await ui.keyboard.press('Control+Space');
  await ui.locator('.suggest-widget .monaco-list-row', { hasText: 'zerops-valkey-ha' }).first().waitFor({ timeout: 15_000 });
  await ui.screenshot({ path: join(SHOTS, 'snippets.png') });
  stamp('snippets at a list item shown');
  await ui.keyboard.press('Escape');
  await ui.keyboard.press('Home');
  await ui.keyboard.press('Shift+End');
  await ui.keyboard.type('      X: ${cache_connectionS');
  await ui.keyboard.press('Control+Space');
  const row = ui.locator('.suggest-widget .monaco-list-row', { hasText: 'connectionString' }).first();
  await row.waitFor({ timeout: 15_000 });
  const details = ui.locator('.suggest-details', { hasText: 'redis://' }).first();
  if (!(await details.isVisible())) await ui.keyboard.press('Control+Space'); // shows the details pane
  await details.waitFor({ timeout: 15_000 });
  const rendered = await details.innerText();
  if (!rendered.includes('redis://default:<password>@<hostname>.zerops:6379')) {
    throw new Error(`the rendered doc lost its placeholders: ${JSON.stringify(rendered)}`);
  }
  stamp('completion doc rendered with <password> and <hostname>');
  await ui.keyboard.press('Escape');
  await ui.close();

  // 4. The project preview: the editor-title button of an import file opens the webview beside it; the
  // diagram is drawn (by the bundled Mermaid, under the page's CSP), follows an edit, and a click on a
  // service puts the cursor on it. Webviews are two nested iframes.
  const pv = await ctx.newPage();
  const violations = [];
  pv.on('console', (msg) => { if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text()); });
  await pv.goto(`http://${auth}/?folder=${encodeURIComponent(wsPlan)}`);
  await pv.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await pv.locator('.explorer-folders-view .monaco-list-row[aria-label*="import.yaml"]').click({ timeout: 60_000 });
  await pv.locator('.monaco-editor .view-line', { hasText: 'hostname: cache' }).first().waitFor({ timeout: 30_000 });
  const button = pv.locator('.editor-actions .action-label[aria-label*="Preview Project"]').first();
  await button.waitFor({ timeout: 30_000 });
  await button.click();
  const view = pv.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  await view.locator('#diagram svg g.node').first().waitFor({ timeout: 60_000 });
  const diagramText = await view.locator('#diagram').innerText();
  for (const want of ['valkey:ha@7.2', 'postgresql:single@16', '7000 read-only replicas']) {
    if (!diagramText.includes(want)) throw new Error(`the diagram lacks ${want}: ${JSON.stringify(diagramText)}`);
  }
  const csp = await view.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  if (!csp?.includes("default-src 'none'") || !/script-src 'nonce-[A-Za-z0-9]+'$/.test(csp)) throw new Error(`the preview's CSP is not strict: ${csp}`);
  await pv.mouse.move(1, 1);
  await pv.screenshot({ path: join(SHOTS, 'preview.png') });
  stamp('preview opened beside the import file, diagram drawn');

  const ha = await textPoint(pv, 'HA', 0, 2); // the cache's mode (Monaco renders the spaces before it as no-break spaces)
  await pv.mouse.click(ha.x, ha.y);
  await pv.keyboard.press('End');
  await pv.keyboard.press('Backspace');
  await pv.keyboard.press('Backspace');
  await pv.keyboard.type('NON_HA');
  await view.locator('#diagram', { hasText: 'valkey:single@7.2' }).waitFor({ timeout: 30_000 });
  await view.locator('.summary .error', { hasText: /^[1-9]\d* errors?$/ }).waitFor({ timeout: 30_000 });
  stamp('the diagram followed the edit (cache is a single node now, the replica port an error)');

  await view.locator('.service[data-hostname="db"]').click();
  await pv.locator('.statusbar-item', { hasText: 'Ln 11, Col 1' }).first().waitFor({ timeout: 15_000 });
  await view.locator('#diagram g.node.clickable', { hasText: 'files' }).first().click();
  await pv.locator('.statusbar-item', { hasText: 'Ln 15, Col 1' }).first().waitFor({ timeout: 15_000 });
  stamp('a click on a service, in the list and in the diagram, put the cursor on it');
  if (violations.length) throw new Error(`CSP violations in the preview:\n${violations.join('\n')}`);
  stamp(`screenshots in ${SHOTS}`);
}

runMain('vscode', main, Number(process.env.ZEROPS_E2E_TIMEOUT_MS || 300_000));
