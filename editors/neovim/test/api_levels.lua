-- Checks which client API setup{} uses and what it passes, by standing in
-- for the functions newer Neovims have: run under any Neovim (CI has 0.7.2),
--
--   nvim --headless --noplugin -n -i NONE -u editors/neovim/test/api_levels.lua
--
-- with DOCKWARD_NVIM_PLUGIN (editors/neovim), DOCKWARD_NVIM_OUT (the JSON
-- report) and DOCKWARD_NVIM_PROJECT (a directory holding dockward.toml and
-- svc/Dockerfile). Nothing is started: vim.lsp.config/enable/start and
-- start_client are replaced by recorders.
local out_path = assert(os.getenv('DOCKWARD_NVIM_OUT'))
local project = assert(os.getenv('DOCKWARD_NVIM_PROJECT'))
vim.opt.runtimepath:prepend(assert(os.getenv('DOCKWARD_NVIM_PLUGIN')))

local report = {}
local real = {
  version = vim.version,
  config = vim.lsp.config,
  enable = vim.lsp.enable,
  start = vim.lsp.start,
  start_client = vim.lsp.start_client,
  buf_attach_client = vim.lsp.buf_attach_client,
}

local function fresh_module()
  package.loaded['dockward'] = nil
  return require('dockward')
end

local function as_version(minor)
  vim.version = function()
    return { major = 0, minor = minor, patch = 0 }
  end
end

local function restore()
  vim.version = real.version
  vim.lsp.config = real.config
  vim.lsp.enable = real.enable
  vim.lsp.start = real.start
  vim.lsp.start_client = real.start_client
  vim.lsp.buf_attach_client = real.buf_attach_client
end

local opts = { settings = { ignore = { 'DL3057' } } }

local function run()
  -- 0.11+: vim.lsp.config + vim.lsp.enable.
  as_version(11)
  local calls = {}
  vim.lsp.config = function(name, cfg)
    calls.config_name = name
    calls.config = cfg
  end
  vim.lsp.enable = function(name)
    calls.enable = name
  end
  vim.lsp.start = function()
    calls.start = true
  end
  local m = fresh_module()
  m.setup(opts)
  report.v11 = {
    api_level = m.api_level(),
    config_name = calls.config_name,
    cmd = calls.config and calls.config.cmd,
    filetypes = calls.config and calls.config.filetypes,
    root_markers = calls.config and calls.config.root_markers,
    settings = calls.config and calls.config.settings,
    init_options = calls.config and calls.config.init_options,
    enable = calls.enable,
    started_directly = calls.start or false,
  }
  restore()
  pcall(vim.api.nvim_del_augroup_by_name, 'dockward_lsp')

  -- 0.8-0.10: vim.lsp.start on each dockerfile buffer.
  as_version(10)
  calls = {}
  vim.lsp.config = nil
  vim.lsp.enable = nil
  vim.lsp.start = function(cfg, start_opts)
    calls.start = cfg
    calls.start_opts = start_opts
    return 1
  end
  m = fresh_module()
  m.setup(vim.tbl_extend('force', opts, { cmd = '/opt/bin/dockward' }))
  vim.cmd('edit ' .. vim.fn.fnameescape(project .. '/svc/Dockerfile'))
  report.v10 = {
    api_level = m.api_level(),
    filetype = vim.bo.filetype,
    name = calls.start and calls.start.name,
    cmd = calls.start and calls.start.cmd,
    root_dir = calls.start and calls.start.root_dir,
    settings = calls.start and calls.start.settings,
    init_options = calls.start and calls.start.init_options,
    bufnr_passed = calls.start_opts ~= nil and calls.start_opts.bufnr == vim.api.nvim_get_current_buf(),
  }
  vim.cmd('bwipeout!')
  restore()
  pcall(vim.api.nvim_del_augroup_by_name, 'dockward_lsp')

  -- 0.7: vim.lsp.start_client + buf_attach_client, one client per root.
  as_version(7)
  calls = { started = 0, attached = {} }
  vim.lsp.config = nil
  vim.lsp.enable = nil
  vim.lsp.start = nil
  vim.lsp.start_client = function(cfg)
    calls.started = calls.started + 1
    calls.cfg = cfg
    return 42
  end
  vim.lsp.buf_attach_client = function(bufnr, id)
    table.insert(calls.attached, id)
    return true
  end
  local real_get = vim.lsp.get_client_by_id
  vim.lsp.get_client_by_id = function(id)
    return id == 42 and { id = 42 } or nil
  end
  local real_stopped = vim.lsp.client_is_stopped
  vim.lsp.client_is_stopped = function()
    return false
  end
  m = fresh_module()
  m.setup(opts)
  vim.cmd('edit ' .. vim.fn.fnameescape(project .. '/svc/Dockerfile'))
  vim.cmd('edit ' .. vim.fn.fnameescape(project .. '/svc/api.Dockerfile'))
  report.v7 = {
    api_level = m.api_level(),
    started = calls.started,
    attached = calls.attached,
    cmd = calls.cfg and calls.cfg.cmd,
    root_dir = calls.cfg and calls.cfg.root_dir,
    settings = calls.cfg and calls.cfg.settings,
  }
  vim.lsp.get_client_by_id = real_get
  vim.lsp.client_is_stopped = real_stopped
  restore()
end

vim.api.nvim_create_autocmd('VimEnter', {
  nested = true,
  callback = function()
    local ok, err = pcall(run)
    if not ok then
      report.error = tostring(err)
    end
    local f = assert(io.open(out_path, 'w'))
    f:write(vim.fn.json_encode(report), '\n')
    f:close()
    vim.cmd('qall!')
  end,
})
