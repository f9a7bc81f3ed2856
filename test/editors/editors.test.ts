import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { test } from 'node:test';
import { ROOT, tempDir, writeTree } from '../cli-helpers';

// Configurations from docs/editors.md, run as written in real editors (headless Neovim 0.7, Emacs in
// batch mode with eglot): the server is found as `zerops-lsp` on the PATH, the settings in the snippet
// reach it, and its diagnostics (and in Neovim its code actions) come back. Part of npm run test:e2e,
// after scripts/e2e/provision.sh has installed the editors: a missing editor fails, it never skips.

const NVIM = process.env.ZEROPS_NVIM ?? 'nvim';
const EMACS = process.env.ZEROPS_EMACS ?? 'emacs';

/** The first fenced block after `<!-- tested: name -->` in docs/editors.md. */
function documented(name: string, lang: string): string {
  const doc = readFileSync(join(ROOT, 'docs/editors.md'), 'utf8');
  const at = doc.indexOf(`<!-- tested: ${name} -->`);
  assert.ok(at >= 0, `docs/editors.md has no block marked ${name}`);
  const block = new RegExp(`^\`\`\`${lang}\n([\\s\\S]*?)^\`\`\``, 'm').exec(doc.slice(at));
  assert.ok(block, `no ${lang} block after the ${name} marker`);
  return block[1];
}

function installed(cmd: string): boolean {
  const probe = spawnSync(cmd, ['--version'], { encoding: 'utf8' });
  return !probe.error && probe.status === 0;
}

/** A folder with `bin/zerops-lsp` (the built server) and the given files; returns it and a PATH with bin first. */
function sandbox(prefix: string, files: Record<string, string>): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = tempDir(prefix);
  writeTree(dir, { ...files, 'bin/zerops-lsp': `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(join(ROOT, 'dist/server.js'))} "$@"\n` });
  chmodSync(join(dir, 'bin/zerops-lsp'), 0o755);
  return { dir, env: { ...process.env, PATH: `${join(dir, 'bin')}${delimiter}${process.env.PATH ?? ''}` } };
}

const NVIM_DRIVER = `
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

test('the documented Neovim 0.7 configuration works in a real Neovim', () => {
  assert.ok(installed(NVIM), `${NVIM} is not installed: run scripts/e2e/provision.sh`);
  const { dir, env } = sandbox('zerops-nvim-', {
    'config.lua': documented('neovim-0.7', 'lua'),
    'w/import.yaml': 'services:\n  - hostname: cache\n    type: valkey@8\n',
    'w/zerops-project-import.yml': 'services:\n  - hostname: old\n    type: keydb@6\n',
  });
  writeTree(dir, { 'driver.lua': `local CONFIG = ${JSON.stringify(join(dir, 'config.lua'))}\nlocal DIR = ${JSON.stringify(join(dir, 'w'))}\n${NVIM_DRIVER}` });
  const r = spawnSync(NVIM, ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(dir, 'driver.lua')}`], {
    cwd: join(dir, 'w'), encoding: 'utf8', timeout: 60_000, env,
  });
  assert.equal(r.error, undefined, String(r.error));
  assert.equal(r.status, 0, r.stdout + r.stderr);
  // valkey-mode-missing is off in the snippet's settings, so only the version is reported.
  assert.deepEqual(r.stdout.trim().split('\n'), [
    'import.yaml 2:17 valkey-version zerops',
    'action Use Valkey 7.2',
    // Every diagnostic can also be silenced from the lightbulb (issue 16).
    'action Disable valkey-version for this line',
    'action Disable valkey-version for this file',
    'zerops-project-import.yml 2:10 keydb-deprecated zerops',
    'clients 1',
  ]);
});

const EMACS_DRIVER = `
(package-initialize)
;; Debian installs some ELPA packages as source only.
(dolist (d (file-expand-wildcards "/usr/share/emacs/site-lisp/elpa-src/*")) (add-to-list 'load-path d t))
(unless (and (require 'eglot nil t) (require 'yaml-mode nil t))
  (princ "SKIP eglot or yaml-mode is missing\\n")
  (kill-emacs 0))
(load CONFIG)
(find-file (expand-file-name "import.yaml" DIR))
(yaml-mode)
(call-interactively #'eglot)
(let ((i 0))
  (while (and (null (flymake-diagnostics)) (< i 300))
    (accept-process-output nil 0.05)
    (setq i (1+ i))))
(dolist (d (flymake-diagnostics))
  (goto-char (flymake-diagnostic-beg d))
  (princ (format "%d:%d %s\\n" (line-number-at-pos) (current-column) (flymake-diagnostic-text d))))
(kill-emacs 0)
`;

test('the documented Emacs eglot configuration works in a real Emacs', () => {
  assert.ok(installed(EMACS), `${EMACS} is not installed: run scripts/e2e/provision.sh`);
  const { dir, env } = sandbox('zerops-emacs-', {
    'config.el': documented('emacs-eglot', 'elisp'),
    'w/.git/HEAD': 'ref: refs/heads/main\n', // a project root for eglot
    'w/import.yaml': 'services:\n  - hostname: cache\n    type: valkey@8\n',
  });
  writeTree(dir, { 'driver.el': `(defvar CONFIG ${JSON.stringify(join(dir, 'config.el'))})\n(defvar DIR ${JSON.stringify(join(dir, 'w'))})\n${EMACS_DRIVER}` });
  const r = spawnSync(EMACS, ['--batch', '-Q', '-l', join(dir, 'driver.el')], { cwd: join(dir, 'w'), encoding: 'utf8', timeout: 60_000, env });
  assert.equal(r.error, undefined, String(r.error));
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.doesNotMatch(r.stdout, /^SKIP/, 'eglot and yaml-mode come with provisioning (elpa-eglot, elpa-yaml-mode)');
  // valkey-mode-missing is off through eglot-workspace-configuration.
  assert.deepEqual(r.stdout.trim().split('\n').map((l) => l.replace(/ This Valkey type asks.*$/, '')), ['3:17 zerops [valkey-version]:']);
});
