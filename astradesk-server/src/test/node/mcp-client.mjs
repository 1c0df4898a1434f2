// Drives an MCP server with the official TypeScript SDK's client (Streamable HTTP) and prints what it saw as
// one JSON object on stdout. Used by McpTypeScriptClientIT; not part of the product.
//
//   node mcp-client.mjs <mcp-url> <bearer-token|-> '<calls as JSON: [{"name": "...", "arguments": {...}}]>'
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [url, token, callsJson] = process.argv.slice(2);
const calls = JSON.parse(callsJson ?? "[]");
const headers = token && token !== "-" ? { Authorization: `Bearer ${token}` } : {};
const report = { connected: false, tools: [], calls: [] };
const client = new Client({ name: "astradesk-ts-interop", version: "1.0.0" });
const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
try {
  await client.connect(transport);
  report.connected = true;
  report.server = client.getServerVersion();
  report.protocolVersion = transport.protocolVersion ?? null;
  const listed = await client.listTools();
  report.tools = listed.tools.map((t) => ({ name: t.name, annotations: t.annotations ?? null }));
  for (const call of calls) {
    const result = await client.callTool({ name: call.name, arguments: call.arguments ?? {} });
    report.calls.push({ name: call.name, isError: result.isError === true, content: result.content,
      structuredContent: result.structuredContent ?? null });
  }
} catch (e) {
  report.error = { name: e?.constructor?.name ?? "Error", message: String(e?.message ?? e), code: e?.code ?? null };
} finally {
  try { await client.close(); } catch { /* already closed */ }
}
process.stdout.write(JSON.stringify(report) + "\n");
