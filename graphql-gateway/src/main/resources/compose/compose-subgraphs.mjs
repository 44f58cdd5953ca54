// Composes subgraph SDLs ({name: {url, sdl}} in the JSON file given as argument) into a supergraph
// printed on stdout. Run by the gateway in development mode; NODE_PATH points at node_modules.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(join(process.env.GATEWAY_NODE_MODULES, "noop.js"));
const { parse } = require("graphql");
const { composeServices } = require("@theguild/federation-composition");
const input = JSON.parse(readFileSync(process.argv[2], "utf8"));
const services = Object.entries(input).map(([name, s]) => ({ name, url: s.url, typeDefs: parse(s.sdl) }));
const result = composeServices(services);
if (result.errors && result.errors.length) {
  console.error(result.errors.map(e => `${e.extensions?.code ?? "COMPOSITION_ERROR"}: ${e.message}`).join("\n"));
  process.exit(1);
}
process.stdout.write(result.supergraphSdl);
