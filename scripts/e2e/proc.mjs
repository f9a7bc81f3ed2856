// Child processes for the editor tests: each starts in its own process group, so stopping it stops
// everything it spawned (code-server's file watchers and extension hosts, Neovim's language server).
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const started = new Set();
const cleanups = [];
const scratch = [];

/** Something else to undo when the run ends (a browser, a temporary folder). */
export function onCleanup(fn) {
  cleanups.push(fn);
}

/** A fresh temporary folder, removed at the end. Every process of the run mentions it (in its command line
 *  or as its working directory), which is how the end of the run proves none is left. */
export function scratchDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

/** Processes still alive whose command line or working directory mentions one of the scratch folders. */
function leftovers() {
  const found = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d) && Number(d) !== process.pid)) {
    let cmd = '';
    let cwd = '';
    try { cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim(); } catch { continue; }
    try { cwd = readlinkSync(`/proc/${pid}/cwd`); } catch { /* not ours to read */ }
    if (scratch.some((d) => cmd.includes(d) || cwd.startsWith(d))) found.push({ pid: Number(pid), cmd });
  }
  return found;
}

export function startGroup(cmd, args, { env, logFile, cwd } = {}) {
  const out = logFile ? openSync(logFile, 'a') : 'ignore';
  const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', out, out] });
  child.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  started.add(child);
  return child;
}

function groupAlive(pid) {
  try { process.kill(-pid, 0); return true; } catch { return false; }
}

/** SIGTERM to the whole group, SIGKILL to whatever is left after a grace period. */
export async function stopGroup(child, graceMs = 3000) {
  started.delete(child);
  if (!child.pid || !groupAlive(child.pid)) return;
  try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
  const end = Date.now() + graceMs;
  while (groupAlive(child.pid) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  if (groupAlive(child.pid)) try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone meanwhile */ }
}

/** Stops everything; returns the processes that outlived it (then killed), which fails the run. */
async function stopAll() {
  for (const fn of cleanups.splice(0).reverse()) {
    try { await Promise.race([fn(), new Promise((r) => setTimeout(r, 10_000))]); } catch (e) { console.error(`cleanup: ${e}`); }
  }
  await Promise.all([...started].map((c) => stopGroup(c)));
  let left = leftovers();
  for (let i = 0; i < 20 && left.length; i++) { // exiting takes a moment after the signal
    await new Promise((r) => setTimeout(r, 100));
    left = leftovers();
  }
  for (const { pid } of left) try { process.kill(pid, 'SIGKILL'); } catch { /* gone meanwhile */ }
  for (const d of scratch.splice(0)) rmSync(d, { recursive: true, force: true });
  return left;
}

/** Runs `main`; whatever happens (assertion, timeout, Ctrl-C) every started group is stopped, and the exit
 *  status says whether it passed. */
export function runMain(name, main, timeoutMs) {
  let finished = false;
  const finish = async (code, why) => {
    if (finished) return;
    finished = true;
    if (why) console.error(`[${name}] FAIL: ${why}`);
    const left = await stopAll();
    if (left.length) {
      console.error(`[${name}] FAIL: processes outlived the run:\n${left.map((p) => `  ${p.pid} ${p.cmd}`).join('\n')}`);
      code = 1;
    }
    process.exit(code);
  };
  const timer = setTimeout(() => finish(1, `timed out after ${timeoutMs / 1000} s`), timeoutMs);
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => finish(1, `interrupted by ${sig}`));
  main().then(
    () => { clearTimeout(timer); return finish(0); },
    (e) => { clearTimeout(timer); return finish(1, e?.stack ?? String(e)); },
  );
}
