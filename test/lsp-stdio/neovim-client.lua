-- A real outside client: Neovim's built-in LSP client (0.7 has start_client
-- and buf_attach_client; vim.lsp.start came later). Opens one file, waits
-- for the server's diagnostics, and writes what it received as JSON.
-- Driven by test/lsp-stdio/neovim.test.ts through environment variables.
local node = os.getenv('RPCSTATE_NODE')
local server = os.getenv('RPCSTATE_SERVER')
local file = os.getenv('RPCSTATE_FILE')
local out = os.getenv('RPCSTATE_NVIM_OUT')

local received = nil
local client_id = vim.lsp.start_client({
  name = 'rpcstate',
  cmd = { node, server, '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      if result and vim.uri_to_fname(result.uri) == file then received = result end
    end,
  },
})

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
vim.bo[bufnr].filetype = 'rpcstate'
local attached = vim.lsp.buf_attach_client(bufnr, client_id)

local arrived = vim.wait(30000, function() return received ~= nil end, 20)
local report = { attached = attached, arrived = arrived, diagnostics = {}, in_buffer = 0 }
if arrived then
  for _, d in ipairs(received.diagnostics) do
    table.insert(report.diagnostics, { line = d.range.start.line + 1, code = d.code, severity = d.severity })
  end
  -- What Neovim itself now shows for the buffer (signs, virtual text, :lua vim.diagnostic.setqflist()).
  report.in_buffer = #vim.diagnostic.get(bufnr)
end

local f = io.open(out, 'w')
f:write(vim.fn.json_encode(report))
f:close()
vim.lsp.stop_client(client_id)
vim.cmd('qall!')
