-- Headless check of the plugin, run by tests/tests/editor_neovim.rs:
--
--   nvim --headless --noplugin -n -i NONE -u editors/neovim/test/headless.lua FILE
--
-- with DOCKWARD_BIN (the binary), DOCKWARD_NVIM_PLUGIN (editors/neovim),
-- DOCKWARD_NVIM_OUT (the JSON report) and DOCKWARD_NVIM_NAMES (a directory
-- whose file names are checked for filetype detection). It loads the plugin
-- the way a plugin manager does (runtimepath), calls setup{}, waits for the
-- diagnostics on FILE, applies a quick fix, runs :DockwardFixAll and
-- :DockwardExplain, and writes what happened as one JSON object.
local out_path = assert(os.getenv('DOCKWARD_NVIM_OUT'))
local report = { attached = false }

local function finish()
  local f = assert(io.open(out_path, 'w'))
  f:write(vim.fn.json_encode(report), '\n')
  f:close()
  vim.cmd('qall!')
end

local ok, err = pcall(function()
  vim.opt.runtimepath:prepend(assert(os.getenv('DOCKWARD_NVIM_PLUGIN')))
  require('dockward').setup({
    cmd = { assert(os.getenv('DOCKWARD_BIN')), 'lsp' },
    settings = {
      ignore = { 'DL3007' },
      severity = { DW1002 = 'error' },
    },
  })
end)
if not ok then
  report.error = 'setup: ' .. tostring(err)
  finish()
end

local function codes(bufnr)
  return vim.tbl_map(function(d)
    return d.code
  end, vim.diagnostic.get(bufnr))
end

local function has(list, x)
  return vim.tbl_contains(list, x)
end

local function run()
  local dockward = require('dockward')
  local buf = vim.api.nvim_get_current_buf()
  report.filetype = vim.bo[buf].filetype
  report.api_level = dockward.api_level()
  report.nvim = tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch
  local publishes = 0
  local default = vim.lsp.handlers['textDocument/publishDiagnostics']
  vim.lsp.handlers['textDocument/publishDiagnostics'] = function(e, result, ctx, config)
    if result and result.uri == vim.uri_from_bufnr(buf) then
      publishes = publishes + 1
    end
    return default(e, result, ctx, config)
  end

  -- 1. The plugin attached the server and diagnostics appear.
  vim.wait(20000, function()
    return dockward.get_client(buf) ~= nil and #vim.diagnostic.get(buf) > 0
  end, 20)
  report.attached = dockward.get_client(buf) ~= nil
  report.codes_before = codes(buf)
  report.severities = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    report.severities[tostring(d.code)] = d.severity
  end
  if #report.codes_before == 0 then
    return
  end

  -- 2. A quick fix at the first DW2004 finding, asked as
  --    vim.lsp.buf.code_action() asks, applied by Neovim.
  local target
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == 'DW2004' and (target == nil or d.lnum < target.lnum) then
      target = d
    end
  end
  if target then
    local client = dockward.get_client(buf)
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(buf) },
      range = {
        start = { line = target.lnum, character = 0 },
        ['end'] = { line = target.lnum, character = 0 },
      },
      context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, target.lnum) },
    }
    local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 10000) or {}
    for _, resp in pairs(responses) do
      for _, action in ipairs(resp.result or {}) do
        if report.fix_title == nil and action.kind == 'quickfix' and action.edit then
          report.fix_title = action.title
          report.fix_line = target.lnum
          local before = publishes
          vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or 'utf-16')
          vim.wait(10000, function()
            return publishes > before
          end, 20)
          vim.wait(300)
        end
      end
    end
    report.line_after_fix = vim.api.nvim_buf_get_lines(buf, target.lnum, target.lnum + 1, false)[1]
    report.codes_after_fix = codes(buf)
  end

  -- 3. :DockwardFixAll applies the remaining safe fixes.
  local before = publishes
  vim.cmd('DockwardFixAll')
  vim.wait(10000, function()
    return publishes > before
  end, 20)
  vim.wait(300)
  report.codes_after_fix_all = codes(buf)
  report.text_after_fix_all = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')

  -- 4. :DockwardExplain opens the rule's documentation.
  vim.cmd('DockwardExplain DL3007')
  report.explain_first_line = vim.api.nvim_buf_get_lines(0, 0, 1, false)[1]
  report.explain_filetype = vim.bo.filetype
  vim.cmd('close')

  -- 5. Filetype detection, name by name.
  local names_dir = os.getenv('DOCKWARD_NVIM_NAMES')
  report.filetypes = {}
  if names_dir then
    for _, name in ipairs(vim.fn.readdir(names_dir)) do
      vim.cmd('edit ' .. vim.fn.fnameescape(names_dir .. '/' .. name))
      report.filetypes[name] = vim.bo.filetype
    end
  end
end

vim.api.nvim_create_autocmd('VimEnter', {
  -- nested: the :edit calls below must run the filetype autocommands.
  nested = true,
  callback = function()
    local ok2, err2 = pcall(run)
    if not ok2 then
      report.error = tostring(err2)
    end
    finish()
  end,
})
