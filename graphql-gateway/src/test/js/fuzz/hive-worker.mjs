// Child process of server.mjs holding Hive Gateway with Hive Router's query planner. It is a separate process
// because the planner (native code) can panic and abort the whole process; server.mjs then records the crash
// for that operation and starts a fresh worker. IPC messages:
//   {supergraph} -> {ready: true}            (replaces the runtime)
//   {i, query}   -> {i, hive: <response body>}
import { createGatewayRuntime } from "@graphql-hive/gateway-runtime";
import { unifiedGraphHandler } from "@graphql-hive/router-runtime";

let runtime = null;

async function dispose() {
  if (!runtime) return;
  const r = runtime;
  runtime = null;
  try {
    await r[Symbol.asyncDispose]?.();
  } catch (e) {
    // ignore
  }
}

process.on("message", async msg => {
  if (msg.supergraph !== undefined) {
    await dispose();
    runtime = createGatewayRuntime({ supergraph: msg.supergraph, unifiedGraphHandler, logging: false, maskedErrors: false });
    process.send({ ready: true });
    return;
  }
  let hive;
  try {
    const response = await runtime.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json, application/json" },
      body: JSON.stringify({ query: msg.query }),
    });
    const text = await response.text();
    try {
      hive = JSON.parse(text);
    } catch (e) {
      hive = { errors: [{ message: `hive answered HTTP ${response.status}: ${text.slice(0, 500)}` }] };
    }
  } catch (e) {
    hive = { errors: [{ message: "hive failed: " + String(e && e.message) }] };
  }
  process.send({ i: msg.i, hive });
});
process.on("disconnect", () => process.exit(0));
