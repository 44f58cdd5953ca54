// Serves every subgraph of one conformance family (graphql-gateway/src/test/conformance/<family>)
// with buildSubgraphSchema over node:http on 127.0.0.1 ephemeral ports.
// Usage: node serve-subgraphs.mjs <family-dir>
// Prints one line: READY {"<subgraph>":"http://127.0.0.1:<port>/graphql",...}; exits when stdin closes.
import { loadFamily, serveFamily } from "./lib.mjs";

const fam = await loadFamily(process.argv[2]);
const served = await serveFamily(fam);
console.log(`READY ${JSON.stringify(served.urls)}`);
process.stdin.on("end", () => process.exit(0));
process.stdin.on("close", () => process.exit(0));
process.stdin.resume();
