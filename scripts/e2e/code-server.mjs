// What the editor tests in a browser share: where the provisioned tools are (scripts/e2e/provision.sh),
// Debian's Chromium started through playwright-core with the flags that work offline, and code-server's
// port, health and editor geometry helpers.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { onCleanup, startGroup } from './proc.mjs';

export const CACHE = process.env.ZEROPS_E2E_CACHE || join(homedir(), '.cache/zerops-e2e');
export const CODE_SERVER = join(CACHE, 'cs/node_modules/.bin/code-server');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const PLAYWRIGHT = join(CACHE, 'cs/node_modules/playwright-core');

/** Chromium in a fresh profile folder, closed at the end of the run. */
export async function launchChromium(profile, viewport = { width: 1200, height: 700 }) {
  const { chromium } = createRequire(join(CACHE, 'cs/package.json'))('playwright-core');
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, viewport,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  onCleanup(() => ctx.close());
  return ctx;
}

/** A free port on loopback. */
export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => res(port)); });
  });
}

async function waitHealthy(url, ms) {
  const end = Date.now() + ms;
  for (;;) {
    try { if ((await fetch(url)).ok) return; } catch { /* not listening yet */ }
    if (Date.now() > end) throw new Error(`code-server did not answer ${url} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Centre of `needle` (characters from..to of it) as rendered in the editor, in page coordinates. */
export function textPoint(page, needle, from = 0, to = needle.length) {
  return page.evaluate(([needle, from, to]) => {
    for (const line of document.querySelectorAll('.monaco-editor .view-line')) {
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      const text = line.textContent ?? '';
      const at = text.indexOf(needle);
      if (at < 0) continue;
      let offset = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const len = n.data.length;
        if (at + from >= offset && at + from < offset + len && at + to <= offset + len) {
          const r = document.createRange();
          r.setStart(n, at + from - offset);
          r.setEnd(n, at + to - offset);
          const b = r.getBoundingClientRect();
          return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
        }
        offset += len;
      }
    }
    return null;
  }, [needle, from, to]).then((p) => {
    if (!p) throw new Error(`"${needle}" is not rendered in the editor`);
    return p;
  });
}

/**
 * A fresh code-server in `tmp` (its user data, extensions and XDG folders in there) with `vsix` installed
 * (and the `others`, another vendor's extensions to test beside) and `settings` added to the user
 * settings; resolves when it answers on a free loopback port.
 */
export async function startCodeServer(tmp, vsix, settings = {}, others = []) {
  const dir = (name) => { const d = join(tmp, name); mkdirSync(d, { recursive: true }); return d; };
  const userData = dir('user-data');
  const extensions = dir('extensions');
  // code-server writes ~/.config/code-server and ~/.local/share even for --version: keep it in here.
  const env = { XDG_CONFIG_HOME: dir('xdg-config'), XDG_DATA_HOME: dir('xdg-data'), XDG_CACHE_HOME: dir('xdg-cache') };
  mkdirSync(join(userData, 'User'));
  writeFileSync(join(userData, 'User/settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'files.hotExit': 'off',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'telemetry.telemetryLevel': 'off',
    ...settings,
  }));
  for (const file of [vsix, ...others]) {
    execFileSync(CODE_SERVER, ['--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', file],
      { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  }
  const installed = readdirSync(extensions).filter((d) => d.startsWith('zerops-tools.zerops-lsp-'));
  if (installed.length !== 1) throw new Error(`the .vsix did not install: ${readdirSync(extensions).join(', ')}`);
  const auth = `127.0.0.1:${await freePort()}`;
  startGroup(CODE_SERVER, ['--bind-addr', auth, '--auth', 'none', '--user-data-dir', userData, '--extensions-dir', extensions,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--ignore-last-opened'], { env, logFile: join(tmp, 'code-server.log'), cwd: tmp });
  await waitHealthy(`http://${auth}/healthz`, 30_000);
  return { auth, installed: installed[0] };
}

/**
 * Runs `attempt` until it succeeds, at most `times` times; before each new try, `onFailure(message)` is
 * awaited with the first line of what failed (to log it and put the page back). The last failure is thrown.
 */
export async function tryAgain(times, attempt, onFailure) {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (i >= times) throw err;
      await onFailure(String(err?.message ?? err).split('\n')[0]);
    }
  }
}
