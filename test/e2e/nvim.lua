-- Neovim (0.7, headless) as a plain LSP client of dist/server.js --stdio: diagnostics, hover, the quick
-- fix applied to the buffer, and silence on a YAML file that is not a Zerops file. Run by
-- scripts/e2e/nvim.mjs; prints "ok - …" per check, and on the first failure "FAIL: …" and exit status 1.
local server = assert(os.getenv('E2E_SERVER'), 'E2E_SERVER')
local dir = assert(os.getenv('E2E_DIR'), 'E2E_DIR')
local client_id
local exited -- the server's exit code, once it has exited

local function out(s) io.stdout:write(s .. '\n') end

local function stop()
  if client_id then
    vim.lsp.stop_client(client_id)
    if not vim.wait(5000, function() return vim.lsp.client_is_stopped(client_id) end, 20) then
      vim.lsp.stop_client(client_id, true)
    end
  end
end

local function fail(msg)
  io.stderr:write('\nFAIL: ' .. msg .. '\n')
  stop()
  vim.cmd('cquit 1')
end

local function check(cond, msg, detail)
  if not cond then fail(msg .. (detail and (': ' .. vim.inspect(detail)) or '')) end
  out('ok - ' .. msg)
end

local function open(name)
  vim.cmd('edit ' .. vim.fn.fnameescape(dir .. '/' .. name))
  vim.bo.filetype = 'yaml'
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client_id)
  return buf
end

-- 0-based line and UTF-16 column of `needle` in the buffer (the fixtures are ASCII).
local function find(buf, needle)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local col = line:find(needle, 1, true)
    if col then return i - 1, col - 1 end
  end
  fail('"' .. needle .. '" is not in the buffer')
end

local function request(buf, method, params)
  local res, err = vim.lsp.buf_request_sync(buf, method, params, 5000)
  if not res then fail(method .. ' got no answer: ' .. tostring(err)) end
  local r = res[client_id]
  if not r or r.err then fail(method .. ' failed: ' .. vim.inspect(r)) end
  return r.result
end

local function code_of(d) return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) end

local function main()
  client_id = vim.lsp.start_client({ name = 'zerops', cmd = { 'node', server, '--stdio' }, root_dir = dir,
    on_exit = function(code) exited = code end })
  check(client_id ~= nil, 'the server starts')

  local buf = open('import.yaml')
  local uri = vim.uri_from_bufnr(buf)
  vim.wait(15000, function() return #vim.diagnostic.get(buf) > 0 or exited ~= nil end, 20)
  if exited then fail('the server exited with code ' .. exited) end
  if #vim.diagnostic.get(buf) == 0 then fail('no diagnostics within 15 s') end
  local diags = vim.diagnostic.get(buf)
  local d = diags[1]
  local line, col = find(buf, 'valkey@8')
  check(#diags == 1 and code_of(d) == 'valkey-version' and d.severity == vim.diagnostic.severity.ERROR
      and d.lnum == line and d.col == col + 7 and d.end_lnum == line and d.end_col == col + 8 and d.source == 'zerops',
    'one valkey-version error on the "8" of valkey@8', diags)
  check(d.message:find('7.2', 1, true) ~= nil, 'the message names 7.2', d.message)

  local pline, pcol = find(buf, ':6379')
  local hover = request(buf, 'textDocument/hover', { textDocument = { uri = uri }, position = { line = pline, character = pcol + 2 } })
  local text = hover and hover.contents and (hover.contents.value or vim.inspect(hover.contents)) or ''
  check(text:find('6379', 1, true) ~= nil and text:lower():find('read', 1, true) ~= nil, 'hover on 6379 explains the port', hover)

  local rline, rcol = find(buf, '${cache_')
  local completion = request(buf, 'textDocument/completion', { textDocument = { uri = uri }, position = { line = rline, character = rcol + 8 } })
  local labels = {}
  for _, item in ipairs(completion and (completion.items or completion) or {}) do labels[item.label] = true end
  check(labels.connectionString and labels.password and not labels.portReplicas,
    'completion in ${cache_ offers the single-node variables, no replica ones', vim.tbl_keys(labels))

  local range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } }
  local lsp_diag = { range = range, message = d.message, severity = 1, code = code_of(d), source = d.source }
  local actions = request(buf, 'textDocument/codeAction',
    { textDocument = { uri = uri }, range = range, context = { diagnostics = { lsp_diag } } }) or {}
  local fix
  for _, a in ipairs(actions) do if a.title == 'Use Valkey 7.2' then fix = a end end
  check(fix ~= nil and fix.edit ~= nil and fix.isPreferred == true and fix.kind == 'quickfix', 'the quick fix is offered', actions)

  local before = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  vim.lsp.util.apply_workspace_edit(fix.edit, 'utf-16')
  local after = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local expected = vim.deepcopy(before)
  expected[line + 1] = '    type: valkey@7.2'
  check(vim.deep_equal(after, expected), 'the edit gives exactly the fixed buffer', after)
  check(vim.wait(10000, function() return #vim.diagnostic.get(buf) == 0 end, 20), 'the diagnostic clears after the edit', vim.diagnostic.get(buf))

  local other = open('stack.yaml')
  local oline, ocol = find(other, ':6379')
  vim.wait(1500)
  check(#vim.diagnostic.get(other) == 0, 'nothing reported on stack.yaml', vim.diagnostic.get(other))
  local ohover = request(other, 'textDocument/hover', { textDocument = { uri = vim.uri_from_bufnr(other) }, position = { line = oline, character = ocol + 2 } })
  check(ohover == nil, 'no hover on stack.yaml', ohover)

  -- A zerops.yml: the unknown build base, a hover on the run base, and the nearest-base fix.
  local zy = open('api/zerops.yml')
  local zuri = vim.uri_from_bufnr(zy)
  vim.wait(15000, function() return #vim.diagnostic.get(zy) > 0 end, 20)
  local zd = vim.diagnostic.get(zy)
  local bline = find(zy, 'nodejs@99')
  check(#zd == 1 and code_of(zd[1]) == 'base-version-unknown' and zd[1].severity == vim.diagnostic.severity.ERROR and zd[1].lnum == bline,
    'one base-version-unknown error on nodejs@99 in zerops.yml', zd)
  local hline, hcol = find(zy, 'nodejs@22')
  local zhover = request(zy, 'textDocument/hover', { textDocument = { uri = zuri }, position = { line = hline, character = hcol + 2 } })
  local ztext = zhover and zhover.contents and (zhover.contents.value or '') or ''
  check(ztext:find('**Node.js**', 1, true) ~= nil and ztext:find('Versions in run', 1, true) ~= nil, 'hover on run.base explains Node.js', zhover)
  local z = zd[1]
  local zrange = { start = { line = z.lnum, character = z.col }, ['end'] = { line = z.end_lnum, character = z.end_col } }
  local zactions = request(zy, 'textDocument/codeAction', { textDocument = { uri = zuri }, range = zrange,
    context = { diagnostics = { { range = zrange, message = z.message, severity = 1, code = code_of(z), source = z.source } } } }) or {}
  local zfix
  for _, a in ipairs(zactions) do if a.title == 'Change to nodejs@24' then zfix = a end end
  check(zfix ~= nil and zfix.edit ~= nil, 'the nearest-base fix is offered', zactions)
  vim.lsp.util.apply_workspace_edit(zfix.edit, 'utf-16')
  check(vim.api.nvim_buf_get_lines(zy, bline, bline + 1, false)[1] == '      base: nodejs@24', 'the fix writes nodejs@24',
    vim.api.nvim_buf_get_lines(zy, bline, bline + 1, false))
  check(vim.wait(10000, function() return #vim.diagnostic.get(zy) == 0 end, 20), 'the base error clears after the fix', vim.diagnostic.get(zy))

  -- Issue 23: CodeLens through Neovim's own vim.lsp.codelens (0.7 has it); inlay hints as a request, since
  -- 0.7 has no inlay-hint display (0.10 has); a new, empty zerops.yml is information, not an error.
  local fimp = open('features/zerops-project-import.yml')
  local furi = vim.uri_from_bufnr(fimp)
  local rline = find(fimp, 'hostname: redis')
  local titles
  check(vim.wait(15000, function()
    vim.lsp.codelens.refresh()
    vim.wait(200)
    titles = {}
    for _, l in ipairs(vim.lsp.codelens.get(fimp) or {}) do
      if l.range.start.line == rline and l.command then table.insert(titles, l.command.title) end
    end
    return #titles == 2
  end, 100), 'vim.lsp.codelens shows two lenses above the Valkey service', titles)
  check(titles[1] == 'valkey:ha@7.2 · HA: three nodes · ports 6379, 6380, 7000, 7001' and titles[2] == 'used by web, setup web',
    'the lenses: type as Zerops reads it, nodes, ports; used by the web service and the web setup', titles)
  local pline = find(fimp, 'REDIS_PORT:')
  local hints = request(fimp, 'textDocument/inlayHint', { textDocument = { uri = furi },
    range = { start = { line = 0, character = 0 }, ['end'] = { line = 99, character = 0 } } }) or {}
  local on_port
  for _, h in ipairs(hints) do if h.position.line == pline then on_port = h.label end end
  check(on_port == '= 6379', 'textDocument/inlayHint answers = 6379 after ${redis_port}', hints)
  for _, h in ipairs(hints) do
    if type(h.label) == 'string' and h.label:find('<@', 1, true) then fail('a hint shows a generated value: ' .. h.label) end
  end

  local fresh = open('fresh/zerops.yml')
  check(vim.wait(15000, function() return #vim.diagnostic.get(fresh) > 0 end, 20), 'the empty zerops.yml gets a diagnostic')
  local fd = vim.diagnostic.get(fresh)
  check(#fd == 1 and code_of(fd[1]) == 'file-empty' and fd[1].severity == vim.diagnostic.severity.INFO,
    'the empty zerops.yml is information, not an error', fd)

  stop()
  vim.wait(5000, function() return exited ~= nil end, 20)
  check(vim.lsp.client_is_stopped(client_id) and exited == 0, 'the server stops on request, exit code 0', exited)
  vim.cmd('qall!')
end

local ok, err = pcall(main)
if not ok then fail(tostring(err)) end
