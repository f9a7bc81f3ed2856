// Neovim end to end: headless Neovim runs test/e2e/nvim.lua against dist/server.js --stdio on copies of
// the fixtures. Exits 1 with the reason on any failure; Neovim and the server it started run in their
// own process group, which is stopped whatever happens.
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMain, scratchDir, startGroup } from './proc.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SERVER = resolve(process.env.ZEROPS_SERVER || join(ROOT, 'dist/server.js'));
const NVIM = process.env.NVIM_BIN || 'nvim';

async function main() {
  if (!existsSync(SERVER)) throw new Error(`missing ${SERVER} (npm run build)`);
  const dir = scratchDir('zerops-e2e-nvim-');
  for (const f of ['import.yaml', 'stack.yaml', 'api', 'features', 'fresh']) cpSync(join(ROOT, 'test/e2e/fixtures', f), join(dir, f), { recursive: true });
  const log = join(dir, 'nvim.log');
  const t0 = Date.now();
  const nvim = startGroup(NVIM, ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(ROOT, 'test/e2e/nvim.lua')}`],
    { env: { E2E_SERVER: SERVER, E2E_DIR: dir }, logFile: log, cwd: dir });
  const { code, signal } = await nvim.exited;
  const output = readFileSync(log, 'utf8').replace(/\r/g, '').trim();
  for (const line of output.split('\n')) if (line.trim()) console.log(`[nvim]   ${line.trim()}`);
  if (code !== 0) throw new Error(`nvim exited with ${code ?? signal}`);
  if (!/ok - the server stops on request, exit code 0/.test(output)) throw new Error('nvim exited 0 without finishing the script');
  console.log(`[nvim] passed in ${((Date.now() - t0) / 1000).toFixed(2)} s`);
}

runMain('nvim', main, Number(process.env.ZEROPS_E2E_TIMEOUT_MS || 60_000));
