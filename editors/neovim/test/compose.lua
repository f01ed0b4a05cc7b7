-- Headless check of the plugin on a Compose file and daemon.json, run by
-- tests/tests/editor_neovim.rs:
--
--   nvim --headless --noplugin -n -i NONE -u editors/neovim/test/compose.lua DIR/compose.yaml
--
-- with DOCKWARD_BIN, DOCKWARD_NVIM_PLUGIN (editors/neovim) and
-- DOCKWARD_NVIM_OUT (the JSON report). DIR also holds daemon.json and
-- values.yaml. setup{} with the defaults must attach to compose.yaml and
-- daemon.json (plain yaml and json buffers to Neovim) and not to
-- values.yaml; the quick fix for DW5001 (privileged) is applied the way
-- vim.lsp.buf.code_action() would.
local out_path = assert(os.getenv('DOCKWARD_NVIM_OUT'))
local report = {}

local function finish()
  local f = assert(io.open(out_path, 'w'))
  f:write(vim.fn.json_encode(report), '\n')
  f:close()
  vim.cmd('qall!')
end

local ok, err = pcall(function()
  vim.opt.runtimepath:prepend(assert(os.getenv('DOCKWARD_NVIM_PLUGIN')))
  require('dockward').setup({ cmd = { assert(os.getenv('DOCKWARD_BIN')), 'lsp' } })
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

local function wait_for_diagnostics(dockward, buf)
  vim.wait(20000, function()
    return dockward.get_client(buf) ~= nil and #vim.diagnostic.get(buf) > 0
  end, 20)
end

local function run()
  local dockward = require('dockward')
  local buf = vim.api.nvim_get_current_buf()
  local dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(buf), ':p:h')
  report.filetype = vim.bo[buf].filetype
  wait_for_diagnostics(dockward, buf)
  report.attached = dockward.get_client(buf) ~= nil
  report.codes_before = codes(buf)

  -- The quick fix for DW5001, asked at its line with its diagnostic.
  local target
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == 'DW5001' then
      target = d
    end
  end
  if target ~= nil then
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(buf) },
      range = { start = { line = target.lnum, character = 0 }, ['end'] = { line = target.lnum, character = 0 } },
      context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, target.lnum) },
    }
    local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 10000) or {}
    report.action_titles = {}
    for _, resp in pairs(responses) do
      for _, action in ipairs(resp.result or {}) do
        table.insert(report.action_titles, action.title)
        local fixed = action.diagnostics and action.diagnostics[1]
        if report.fix_title == nil and action.kind == 'quickfix' and action.edit
          and fixed and fixed.code == 'DW5001' and not action.title:find('^Ignore') then
          report.fix_title = action.title
          vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
        end
      end
    end
    vim.wait(10000, function()
      return not vim.tbl_contains(codes(buf), 'DW5001')
    end, 20)
    report.codes_after_fix = codes(buf)
    report.text_after_fix = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
  end

  -- daemon.json attaches; values.yaml (not a Compose name) does not.
  vim.cmd('edit ' .. vim.fn.fnameescape(dir .. '/daemon.json'))
  local daemon = vim.api.nvim_get_current_buf()
  report.daemon_filetype = vim.bo[daemon].filetype
  wait_for_diagnostics(dockward, daemon)
  report.daemon_attached = dockward.get_client(daemon) ~= nil
  report.daemon_codes = codes(daemon)
  vim.cmd('edit ' .. vim.fn.fnameescape(dir .. '/values.yaml'))
  local values = vim.api.nvim_get_current_buf()
  vim.wait(500)
  report.values_filetype = vim.bo[values].filetype
  report.values_attached = dockward.get_client(values) ~= nil
end

-- `nested`: the :edit commands inside must run the filetype autocommands.
vim.api.nvim_create_autocmd('VimEnter', {
  nested = true,
  callback = function()
    local ran, e = pcall(run)
    if not ran then
      report.error = tostring(e)
    end
    finish()
  end,
})
