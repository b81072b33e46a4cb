-- Run by test/editors/neovim.test.ts inside `nvim --headless -u NONE`: Neovim's own LSP client talks to
-- dist/server.js over stdio, as a user's Neovim would. Every wait has a deadline; the results go to
-- $POSTMORTEM_OUT as JSON for the test to assert on.
local server = os.getenv('POSTMORTEM_SERVER')
local out_file = os.getenv('POSTMORTEM_OUT')
local result = { steps = {} }

local function finish()
  vim.fn.writefile({ vim.fn.json_encode(result) }, out_file)
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = 'markdown'
  local id = vim.lsp.start_client({
    name = 'postmortem',
    cmd = { 'node', '--max-semi-space-size=8', server, '--stdio' },
    root_dir = vim.fn.getcwd(),
  })
  assert(id, 'the client did not start')
  vim.lsp.buf_attach_client(buf, id)
  local client = vim.lsp.get_client_by_id(id)

  local function diagnostics()
    local list = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local lsp = d.user_data and d.user_data.lsp or {}
      table.insert(list, {
        line = d.lnum, col = d.col, endLine = d.end_lnum, endCol = d.end_col,
        severity = d.severity, message = d.message, code = lsp.code or d.code,
      })
    end
    return list
  end
  local function has(code)
    for _, d in ipairs(diagnostics()) do
      if d.code == code then return true end
    end
    return false
  end

  result.gotDiagnostics = vim.wait(15000, function() return has('duration-consistent') end, 20)
  result.diagnostics = diagnostics()

  local uri = vim.uri_from_bufnr(buf)
  local line = tonumber(os.getenv('POSTMORTEM_LINE'))
  local actions = client.request_sync('textDocument/codeAction', {
    textDocument = { uri = uri },
    range = { start = { line = line, character = 0 }, ['end'] = { line = line, character = 0 } },
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, line) },
  }, 10000, buf)
  result.actions = {}
  local preferred
  for _, a in ipairs((actions and actions.result) or {}) do
    table.insert(result.actions, { title = a.title, kind = a.kind, isPreferred = a.isPreferred == true })
    if a.isPreferred and a.edit and not preferred then preferred = a end
  end
  if preferred then
    vim.lsp.util.apply_workspace_edit(preferred.edit, client.offset_encoding or 'utf-16')
    result.applied = preferred.title
  end
  result.lineAfterFix = vim.api.nvim_buf_get_lines(buf, line, line + 1, false)[1]
  -- Neovim sends the edit as didChange; the server answers with fresh diagnostics.
  result.clearedAfterFix = vim.wait(15000, function() return not has('duration-consistent') end, 20)

  local hover_line = tonumber(os.getenv('POSTMORTEM_HOVER_LINE'))
  local hover = client.request_sync('textDocument/hover', {
    textDocument = { uri = uri },
    position = { line = hover_line, character = 4 },
  }, 10000, buf)
  local contents = hover and hover.result and hover.result.contents
  result.hover = type(contents) == 'table' and (contents.value or vim.fn.json_encode(contents)) or contents or vim.NIL
  client.stop()
end)
if not ok then result.error = tostring(err) end
finish()
