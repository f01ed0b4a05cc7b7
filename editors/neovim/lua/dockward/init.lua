-- dockward for Neovim: filetype detection and the `dockward lsp` client.
--
--   require('dockward').setup{}            -- defaults
--   require('dockward').setup{ settings = { ignore = { 'DL3057' } } }
--
-- Neovim 0.11+ registers the server with vim.lsp.config/vim.lsp.enable;
-- 0.8-0.10 start it with vim.lsp.start on each dockerfile buffer; 0.7 uses
-- vim.lsp.start_client and vim.lsp.buf_attach_client.
--
-- Besides Dockerfiles, the server analyses Compose files (yaml buffers
-- named like compose.yaml, docker-compose.yml, *compose*.yml; Neovim's
-- yaml.docker-compose filetype) and daemon.json (`compose = false`,
-- `daemon = false` turn them off), and the seccomp profiles named in
-- `seccomp_profiles`. Other yaml and json buffers are left alone.

local M = {}

local FIX_ALL_KIND = 'source.fixAll.dockward'

--- Defaults; `setup{}` merges the user's options over them.
M.defaults = {
  -- The server command. A string is taken as the path of the binary.
  cmd = { 'dockward', 'lsp' },
  -- nil: dockerfile, plus yaml and json when Compose files, daemon.json or
  -- seccomp profiles are on (buffers are then picked by name).
  filetypes = nil,
  -- Attach to Compose files and daemon.json.
  compose = true,
  daemon = true,
  -- JSON files to analyse as seccomp profiles: file names or path endings
  -- (sent to the server as `seccompProfiles`).
  seccomp_profiles = {},
  -- The nearest directory holding one of these is the workspace root; without
  -- one, the file's own directory.
  root_markers = { 'dockward.toml', '.dockward.toml', '.hadolint.yaml', '.git' },
  -- Server settings (docs/lsp.md "Settings"): select, extendSelect, ignore,
  -- severity, disableInlinePragmas, configFile, diagnostics.debounceMs,
  -- diagnostics.maxCount,
  -- inlayHints.argValues. Sent as initializationOptions and answered to
  -- workspace/configuration (section `dockward`).
  settings = {},
  -- Extra filetype detection (Containerfile, Dockerfile.*, *.Dockerfile, ...).
  detect_filetypes = true,
  -- Define :DockwardFixAll, :DockwardExplain and :DockwardRestart.
  commands = true,
  on_attach = nil,
  capabilities = nil,
}

M.config = nil

local function version_at_least(minor)
  local v = vim.version and vim.version() or { major = 0, minor = 7 }
  return v.major > 0 or v.minor >= minor
end

--- Which client API this Neovim gets: 'config' (0.11+), 'start' (0.8+) or
--- 'start_client' (0.7).
function M.api_level()
  if vim.lsp.config ~= nil and vim.lsp.enable ~= nil and version_at_least(11) then
    return 'config'
  elseif vim.lsp.start ~= nil then
    return 'start'
  end
  return 'start_client'
end

local function normalize_cmd(cmd)
  if type(cmd) == 'string' then
    return { cmd, 'lsp' }
  end
  return cmd
end

--- Registers the Dockerfile names Neovim may not know. Existing detection
--- wins for names like Dockerfile.md (markdown) or Containerfile.x.
function M.detect_filetypes()
  if vim.filetype ~= nil and vim.filetype.add ~= nil and version_at_least(8) then
    vim.filetype.add({
      extension = {
        Dockerfile = 'dockerfile',
        dockerfile = 'dockerfile',
        Containerfile = 'dockerfile',
        containerfile = 'dockerfile',
      },
      filename = {
        Dockerfile = 'dockerfile',
        dockerfile = 'dockerfile',
        Containerfile = 'dockerfile',
        containerfile = 'dockerfile',
      },
      -- Negative priority: checked after extensions, so Dockerfile.md stays
      -- markdown.
      pattern = {
        ['.*/[Dd]ockerfile%.[^/]*'] = { 'dockerfile', { priority = -1 } },
        ['.*/[Cc]ontainerfile%.[^/]*'] = { 'dockerfile', { priority = -1 } },
      },
    })
    return
  end
  -- Neovim 0.7: filetype.vim's autocommands ran first; `setf` keeps theirs.
  local group = vim.api.nvim_create_augroup('dockward_filetype', { clear = true })
  vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
    group = group,
    pattern = {
      'Dockerfile', 'dockerfile', 'Containerfile', 'containerfile',
      '*.Dockerfile', '*.dockerfile', '*.Containerfile', '*.containerfile',
      'Dockerfile.*', 'dockerfile.*', 'Containerfile.*', 'containerfile.*',
    },
    command = 'setf dockerfile',
  })
end

local function root_dir_for(path, markers)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  if vim.fs ~= nil and vim.fs.find ~= nil then
    local found = vim.fs.find(markers, { path = dir, upward = true })[1]
    if found then
      return vim.fn.fnamemodify(found, ':h')
    end
    return dir
  end
  -- 0.7: walk up by hand.
  local current = dir
  while true do
    for _, m in ipairs(markers) do
      if vim.loop.fs_stat(current .. '/' .. m) then
        return current
      end
    end
    local parent = vim.fn.fnamemodify(current, ':h')
    if parent == current then
      return dir
    end
    current = parent
  end
end

--- The filetypes the client attaches to.
function M.filetypes(opts)
  opts = opts or M.config or M.defaults
  if opts.filetypes ~= nil then
    return opts.filetypes
  end
  local fts = { 'dockerfile' }
  if opts.compose then
    vim.list_extend(fts, { 'yaml', 'yaml.docker-compose', 'dockercompose' })
  end
  if opts.daemon or #(opts.seccomp_profiles or {}) > 0 then
    vim.list_extend(fts, { 'json', 'jsonc' })
  end
  return fts
end

local function ends_with(s, suffix)
  return suffix ~= '' and s:sub(-#suffix) == suffix
end

--- Whether the server should see this buffer: every dockerfile buffer; a
--- yaml buffer named like a Compose file; daemon.json; a json buffer named
--- in seccomp_profiles. (The server decides the kind again by name.)
function M.wants(bufnr, opts)
  opts = opts or M.config or M.defaults
  local ft = vim.bo[bufnr].filetype
  if ft == 'dockerfile' then
    return true
  end
  local path = vim.api.nvim_buf_get_name(bufnr)
  local name = vim.fn.fnamemodify(path, ':t'):lower()
  if ft == 'yaml.docker-compose' or ft == 'dockercompose' then
    return opts.compose ~= false
  end
  if ft == 'yaml' then
    return opts.compose ~= false and name:find('compose', 1, true) ~= nil
      and (ends_with(name, '.yml') or ends_with(name, '.yaml'))
  end
  if ft == 'json' or ft == 'jsonc' then
    if opts.daemon ~= false and name == 'daemon.json' then
      return true
    end
    for _, p in ipairs(opts.seccomp_profiles or {}) do
      p = p:gsub('^%./', '')
      if path == p or ends_with(path, '/' .. p) then
        return true
      end
    end
    return false
  end
  -- Filetypes the user listed: theirs to choose.
  return true
end

local function server_settings(opts)
  local settings = vim.deepcopy(opts.settings or {})
  if settings.seccompProfiles == nil and #(opts.seccomp_profiles or {}) > 0 then
    settings.seccompProfiles = opts.seccomp_profiles
  end
  return settings
end

--- The client configuration shared by every API level.
function M.client_config(opts)
  opts = opts or M.config or M.defaults
  local settings = server_settings(opts)
  return {
    name = 'dockward',
    cmd = normalize_cmd(opts.cmd),
    filetypes = M.filetypes(opts),
    root_markers = opts.root_markers,
    init_options = settings,
    -- Neovim answers workspace/configuration from `settings` by section.
    settings = { dockward = settings },
    on_attach = opts.on_attach,
    capabilities = opts.capabilities,
  }
end

-- Client methods take `self` from 0.11 on (`client:request_sync`); before,
-- they are closures (`client.request_sync`).
local function call(client, method, ...)
  if version_at_least(11) then
    return client[method](client, ...)
  end
  return client[method](...)
end

-- 0.7: one client per root directory.
local clients_by_root = {}

local function attach(bufnr)
  local opts = M.config
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' and vim.bo[bufnr].buftype ~= '' then
    return
  end
  if not M.wants(bufnr, opts) then
    return
  end
  local cfg = M.client_config(opts)
  local root = root_dir_for(name ~= '' and name or vim.fn.getcwd() .. '/Dockerfile', opts.root_markers)
  local client_config = {
    name = cfg.name,
    cmd = cfg.cmd,
    root_dir = root,
    init_options = cfg.init_options,
    settings = cfg.settings,
    on_attach = cfg.on_attach,
    capabilities = cfg.capabilities,
  }
  if M.api_level() == 'start' then
    vim.lsp.start(client_config, { bufnr = bufnr })
    return
  end
  local id = clients_by_root[root]
  if id == nil or vim.lsp.get_client_by_id(id) == nil or vim.lsp.client_is_stopped(id) then
    id = vim.lsp.start_client(client_config)
    if id == nil then
      vim.notify('dockward: could not start ' .. table.concat(cfg.cmd, ' '), vim.log.levels.ERROR)
      return
    end
    clients_by_root[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
end

--- The running dockward client for a buffer, if any.
function M.get_client(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local clients = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = bufnr, name = 'dockward' })
    or vim.lsp.buf_get_clients(bufnr)
  for _, c in pairs(clients) do
    if c.name == 'dockward' then
      return c
    end
  end
  return nil
end

--- Applies the server's source.fixAll.dockward action to a buffer.
--- Returns true when it changed the buffer.
function M.fix_all(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local client = M.get_client(bufnr)
  if client == nil then
    vim.notify('dockward: no language server attached to this buffer', vim.log.levels.WARN)
    return false
  end
  local last = vim.api.nvim_buf_line_count(bufnr)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = 0, character = 0 }, ['end'] = { line = last, character = 0 } },
    context = { diagnostics = {}, only = { FIX_ALL_KIND } },
  }
  local resp = call(client, 'request_sync', 'textDocument/codeAction', params, 5000, bufnr)
  if resp == nil or resp.err ~= nil then
    vim.notify('dockward: fix all failed: ' .. vim.inspect(resp and resp.err), vim.log.levels.ERROR)
    return false
  end
  for _, action in ipairs(resp.result or {}) do
    if action.kind == FIX_ALL_KIND and action.edit then
      vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or 'utf-16')
      return true
    end
  end
  vim.notify('dockward: nothing to fix automatically', vim.log.levels.INFO)
  return false
end

--- Opens `dockward explain CODE` in a scratch buffer. Without CODE, the rule
--- of the dockward diagnostic under the cursor.
function M.explain(code)
  if code == nil or code == '' then
    local line = vim.api.nvim_win_get_cursor(0)[1] - 1
    for _, d in ipairs(vim.diagnostic.get(0, { lnum = line })) do
      if d.source == 'dockward' and d.code then
        code = tostring(d.code)
        break
      end
    end
  end
  if code == nil or code == '' then
    vim.notify('dockward: no rule under the cursor; use :DockwardExplain CODE', vim.log.levels.WARN)
    return nil
  end
  local bin = normalize_cmd(M.config.cmd)[1]
  local out = vim.fn.systemlist({ bin, 'explain', code })
  if vim.v.shell_error ~= 0 then
    vim.notify('dockward explain ' .. code .. ': ' .. table.concat(out, '\n'), vim.log.levels.ERROR)
    return nil
  end
  vim.cmd('new')
  local buf = vim.api.nvim_get_current_buf()
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, out)
  vim.bo[buf].buftype = 'nofile'
  vim.bo[buf].bufhidden = 'wipe'
  vim.bo[buf].modifiable = false
  vim.bo[buf].filetype = 'markdown'
  pcall(vim.api.nvim_buf_set_name, buf, 'dockward://explain/' .. code)
  return buf
end

--- Stops dockward's clients and starts them again on every dockerfile buffer.
function M.restart()
  local clients = vim.lsp.get_clients and vim.lsp.get_clients({ name = 'dockward' }) or vim.lsp.get_active_clients()
  for _, c in pairs(clients) do
    if c.name == 'dockward' then
      call(c, 'stop')
    end
  end
  clients_by_root = {}
  vim.defer_fn(function()
    for _, b in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(b) and vim.tbl_contains(M.filetypes(), vim.bo[b].filetype) then
        if M.api_level() == 'config' then
          pcall(vim.api.nvim_exec_autocmds, 'FileType', { group = 'nvim.lsp.enable', buffer = b })
        else
          attach(b)
        end
      end
    end
  end, 500)
end

local function define_commands()
  vim.api.nvim_create_user_command('DockwardFixAll', function()
    M.fix_all()
  end, { desc = 'dockward: apply every safe fix in this buffer' })
  vim.api.nvim_create_user_command('DockwardExplain', function(a)
    M.explain(a.args)
  end, { nargs = '?', desc = "dockward: show a rule's documentation" })
  vim.api.nvim_create_user_command('DockwardRestart', function()
    M.restart()
  end, { desc = 'dockward: restart the language server' })
end

--- Configures filetype detection, the language server and the commands.
function M.setup(opts)
  M.config = vim.tbl_deep_extend('force', {}, M.defaults, opts or {})
  if M.config.detect_filetypes then
    M.detect_filetypes()
  end
  if M.config.commands then
    define_commands()
  end
  local level = M.api_level()
  if level == 'config' then
    local cfg = M.client_config(M.config)
    cfg.name = nil
    -- A yaml or json buffer that is no Compose file, daemon.json or named
    -- profile gets no client: root_dir does not call back.
    local markers = cfg.root_markers
    cfg.root_dir = function(bufnr, on_dir)
      if M.wants(bufnr) then
        local name = vim.api.nvim_buf_get_name(bufnr)
        on_dir(root_dir_for(name ~= '' and name or vim.fn.getcwd() .. '/Dockerfile', markers))
      end
    end
    vim.lsp.config('dockward', cfg)
    vim.lsp.enable('dockward')
    -- 0.11.0 starts clients on later FileType events only: attach the
    -- dockerfile buffers already open (vim.lsp.start reuses a running client).
    for _, b in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(b) and vim.tbl_contains(M.filetypes(), vim.bo[b].filetype) then
        pcall(vim.api.nvim_exec_autocmds, 'FileType', { group = 'nvim.lsp.enable', buffer = b })
      end
    end
    return
  end
  local group = vim.api.nvim_create_augroup('dockward_lsp', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.filetypes(),
    callback = function(args)
      attach(args.buf)
    end,
  })
  -- Buffers already open when setup() runs.
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(b) and vim.tbl_contains(M.filetypes(), vim.bo[b].filetype) then
      attach(b)
    end
  end
end

return M
