import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { test } from 'node:test';
import { ROOT, tempDir, writeTree } from './cli-helpers';

// The Neovim 0.7 configuration from docs/editors.md, run as written in a real headless Neovim: the
// server is found as `zerops-lsp` on the PATH, the settings in the snippet reach it, one client serves
// every YAML buffer, and its code actions come back.

const NVIM = process.env.ZEROPS_NVIM ?? 'nvim';

/** The first ```lua block after `<!-- tested: name -->` in docs/editors.md. */
function documented(name: string): string {
  const doc = readFileSync(join(ROOT, 'docs/editors.md'), 'utf8');
  const at = doc.indexOf(`<!-- tested: ${name} -->`);
  assert.ok(at >= 0, `docs/editors.md has no block marked ${name}`);
  const block = /```lua\n([\s\S]*?)```/.exec(doc.slice(at));
  assert.ok(block, `no lua block after the ${name} marker`);
  return block[1];
}

const DRIVER = `
dofile(CONFIG)
local out = {}
local function wait_diagnostics(buf)
  if not vim.wait(15000, function() return #vim.diagnostic.get(buf) > 0 end, 20) then
    io.stdout:write('TIMEOUT waiting for diagnostics\\n'); vim.cmd('cquit 1')
  end
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(out, string.format('%s %d:%d %s %s', vim.fn.fnamemodify(vim.api.nvim_buf_get_name(buf), ':t'), d.lnum, d.col, d.code, d.source))
  end
end
vim.cmd('edit ' .. DIR .. '/import.yaml')
vim.bo.filetype = 'yaml'
local first = vim.api.nvim_get_current_buf()
wait_diagnostics(first)
local d = vim.diagnostic.get(first)[1]
local res = vim.lsp.buf_request_sync(first, 'textDocument/codeAction', {
  textDocument = { uri = vim.uri_from_bufnr(first) },
  range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
  context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(first, d.lnum) },
}, 5000)
for _, r in pairs(res or {}) do
  for _, a in ipairs(r.result or {}) do table.insert(out, 'action ' .. a.title) end
end
vim.cmd('edit ' .. DIR .. '/zerops-project-import.yml')
vim.bo.filetype = 'yaml'
wait_diagnostics(vim.api.nvim_get_current_buf())
table.insert(out, 'clients ' .. #vim.lsp.get_active_clients())
io.stdout:write(table.concat(out, '\\n') .. '\\n')
vim.cmd('qa!')
`;

test('the documented Neovim 0.7 configuration works in a real Neovim', (t) => {
  const probe = spawnSync(NVIM, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    t.skip('Neovim is not installed');
    return;
  }
  const dir = tempDir('zerops-nvim-');
  writeTree(dir, {
    'bin/zerops-lsp': `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(join(ROOT, 'dist/server.js'))} "$@"\n`,
    'config.lua': documented('neovim-0.7'),
    'w/import.yaml': 'services:\n  - hostname: cache\n    type: valkey@8\n',
    'w/zerops-project-import.yml': 'services:\n  - hostname: old\n    type: keydb@6\n',
    'driver.lua': `local CONFIG = ${JSON.stringify(join(dir, 'config.lua'))}\nlocal DIR = ${JSON.stringify(join(dir, 'w'))}\n${DRIVER}`,
  });
  chmodSync(join(dir, 'bin/zerops-lsp'), 0o755);
  const r = spawnSync(NVIM, ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(dir, 'driver.lua')}`], {
    cwd: join(dir, 'w'), encoding: 'utf8', timeout: 60_000, env: { ...process.env, PATH: `${join(dir, 'bin')}${delimiter}${process.env.PATH ?? ''}` },
  });
  assert.equal(r.error, undefined, String(r.error));
  assert.equal(r.status, 0, r.stdout + r.stderr);
  // valkey-mode-missing is off in the snippet's settings, so only the version is reported.
  assert.deepEqual(r.stdout.trim().split('\n'), [
    'import.yaml 2:17 valkey-version zerops',
    'action Use Valkey 7.2',
    'zerops-project-import.yml 2:10 keydb-deprecated zerops',
    'clients 1',
  ]);
});
