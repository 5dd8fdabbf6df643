-- Headless Neovim 0.7 as a second, independent LSP client of the IMS Tags language server.
-- Env: LSP_SERVER (path to dist/server.js), LSP_FILE (a policy file), LSP_LINE/LSP_COL (0-based completion spot),
-- HOVER_LINE/HOVER_COL, LSP_SETTINGS (optional JSON). Prints COMPLETION:, HOVER: and DIAGNOSTICS: lines, then quits (cquit on failure).
local out = function(s) io.stdout:write(s .. "\n") end
local function main()
  local file = os.getenv("LSP_FILE")
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = os.getenv("LSP_FILETYPE") or "json"
  local caps = vim.lsp.protocol.make_client_capabilities()
  local client_id = vim.lsp.start_client({
    name = "ims-tags", capabilities = caps, root_dir = vim.fn.fnamemodify(file, ":h"),
    cmd = { os.getenv("NODE") or "node", os.getenv("LSP_SERVER"), "--stdio" },
    -- Neovim 0.7 does not push settings by itself: send them after initialize.
    -- LSP_SETTINGS (JSON) are the settings to send, e.g. the selected .http environment.
    on_init = function(client)
      local settings = os.getenv("LSP_SETTINGS")
      client.notify("workspace/didChangeConfiguration", { settings = settings and vim.fn.json_decode(settings) or { imsTags = {} } })
    end,
  })
  if not client_id then error("could not start the language server") end
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  if not vim.wait(10000, function() return client.initialized end, 50) then error("server did not initialize") end
  local uri = vim.uri_from_bufnr(bufnr)
  local pos = { line = tonumber(os.getenv("LSP_LINE")), character = tonumber(os.getenv("LSP_COL")) }
  local res = vim.lsp.buf_request_sync(bufnr, "textDocument/completion", { textDocument = { uri = uri }, position = pos }, 5000)
  local labels = {}
  for _, r in pairs(res or {}) do
    if r.err then error("completion error: " .. vim.inspect(r.err)) end
    for _, it in ipairs(r.result and (r.result.items or r.result) or {}) do table.insert(labels, it.label) end
  end
  out("COMPLETION: " .. table.concat(labels, ", "))
  local hpos = { line = tonumber(os.getenv("HOVER_LINE")), character = tonumber(os.getenv("HOVER_COL")) }
  local hres = vim.lsp.buf_request_sync(bufnr, "textDocument/hover", { textDocument = { uri = uri }, position = hpos }, 5000)
  for _, r in pairs(hres or {}) do
    if r.result and r.result.contents then
      out("HOVER: " .. string.gsub(r.result.contents.value or "", "\n", " "))
    end
  end
  -- Push diagnostics arrive as vim.diagnostic entries on the buffer.
  vim.wait(10000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  local codes = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(codes, string.format("%s@%d:%d %s", tostring(d.user_data and d.user_data.lsp and d.user_data.lsp.code or d.code), d.lnum, d.col, d.message))
  end
  out("DIAGNOSTICS: " .. table.concat(codes, " | "))
  vim.lsp.stop_client(client_id)
  vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
  return #labels > 0
end
local ok, res = pcall(main)
if not ok then out("FAIL: " .. tostring(res)) end
if ok and res then vim.cmd("qall!") else vim.cmd("cquit 1") end
