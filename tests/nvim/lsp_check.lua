-- Drives `dockward lsp` from headless Neovim (0.7+): waits for diagnostics,
-- applies the first quick fix offered at the first diagnostic, formats the
-- buffer, and reports what happened as one JSON line in $DOCKWARD_NVIM_OUT.
-- The edited buffer is written to $DOCKWARD_NVIM_RESULT.
local out_path = assert(os.getenv("DOCKWARD_NVIM_OUT"))
local result_path = assert(os.getenv("DOCKWARD_NVIM_RESULT"))
local bin = assert(os.getenv("DOCKWARD_BIN"))
local report = { attached = false }

local function finish()
  local f = assert(io.open(out_path, "w"))
  f:write(vim.fn.json_encode(report), "\n")
  f:close()
  vim.cmd("qall!")
end

local function run()
  local buf = vim.api.nvim_get_current_buf()
  local publishes = 0
  local default = vim.lsp.handlers["textDocument/publishDiagnostics"]
  vim.lsp.handlers["textDocument/publishDiagnostics"] = function(e, result, ctx, config)
    publishes = publishes + 1
    return default(e, result, ctx, config)
  end
  local client_id = vim.lsp.start_client({
    name = "dockward",
    cmd = { bin, "lsp" },
    root_dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(buf), ":p:h"),
  })
  report.attached = vim.lsp.buf_attach_client(buf, client_id)
  vim.wait(15000, function() return publishes > 0 end, 20)
  local diags = vim.diagnostic.get(buf)
  report.diagnostics_before = #diags
  report.codes_before = vim.tbl_map(function(d) return d.code end, diags)
  if #diags == 0 then return end

  -- Code actions at each diagnostic's line, as vim.lsp.buf.code_action() asks.
  for _, d in ipairs(diags) do
    local line = d.lnum
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(buf) },
      range = { start = { line = line, character = 0 }, ["end"] = { line = line, character = 0 } },
      context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, line) },
    }
    local responses = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 10000) or {}
    for _, resp in pairs(responses) do
      for _, action in ipairs(resp.result or {}) do
        if report.fix_title == nil and action.kind == "quickfix" and action.edit then
          report.fix_title = action.title
          local fixed = action.diagnostics and action.diagnostics[1]
          report.fix_code = fixed and fixed.code or d.code
          local before = publishes
          vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
          vim.wait(10000, function() return publishes > before end, 20)
          vim.wait(300)
          local after = vim.diagnostic.get(buf)
          report.diagnostics_after_fix = #after
          report.codes_after_fix = vim.tbl_map(function(x) return x.code end, after)
        end
      end
    end
    if report.fix_title then break end
  end

  local before_fmt = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n")
  if vim.lsp.buf.format then
    vim.lsp.buf.format({ timeout_ms = 10000 })
  else
    vim.lsp.buf.formatting_sync(nil, 10000)
  end
  local after_fmt = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n")
  report.formatting_changed = before_fmt ~= after_fmt
  vim.cmd("silent write! " .. vim.fn.fnameescape(result_path))
end

-- Start once the file's buffer is loaded (init files run before that).
vim.api.nvim_create_autocmd("VimEnter", {
  callback = function()
    local ok, err = pcall(run)
    if not ok then report.error = tostring(err) end
    finish()
  end,
})
