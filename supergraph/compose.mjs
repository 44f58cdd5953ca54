// Composes subgraph SDLs into a Federation v2 supergraph with @theguild/federation-composition.
// Usage: node compose.mjs <dir-with-NAME.graphql-files> <out-supergraph.graphql>
// Routing URLs come from subgraphs.json (local defaults; the gateway overrides them per
// environment with SUBGRAPH_<NAME>_URL). Prints a JSON report {errors, hints} on stdout and
// exits 1 when composition fails.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { composeServices } from '@theguild/federation-composition';

const [sdlDir, outFile] = process.argv.slice(2);
if (!sdlDir || !outFile) {
  console.error('usage: node compose.mjs <sdl-dir> <out-file>');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const subgraphs = JSON.parse(readFileSync(join(here, 'subgraphs.json'), 'utf8'));
const services = subgraphs.map(({ name, url }) => ({
  name,
  url,
  typeDefs: parse(readFileSync(join(sdlDir, `${name}.graphql`), 'utf8')),
}));
const result = composeServices(services);
const report = {
  errors: (result.errors ?? []).map((e) => e.message),
  hints: (result.hints ?? []).map((h) => h.message ?? String(h)),
};
if (report.errors.length === 0) {
  writeFileSync(outFile, result.supergraphSdl);
}
console.log(JSON.stringify(report, null, 2));
process.exit(report.errors.length === 0 ? 0 : 1);
