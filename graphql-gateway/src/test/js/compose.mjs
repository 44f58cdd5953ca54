// Composes each fixture directory under ../resources/fixtures into a supergraph with
// @theguild/federation-composition and writes it beside the tests as
// ../resources/supergraphs/<fixture>.graphql. Run: npm ci && node compose.mjs
import { readFileSync, readdirSync, writeFileSync, statSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "graphql";
import { composeServices } from "@theguild/federation-composition";

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, "../resources/fixtures");
const out = join(here, "../resources/supergraphs");
let failed = false;
for (const fixture of readdirSync(fixtures).sort()) {
  const dir = join(fixtures, fixture);
  if (!statSync(dir).isDirectory()) continue;
  // Subgraph URLs are placeholders: tests and gateways override them with the real ports.
  const services = readdirSync(dir).filter(f => f.endsWith(".graphql")).sort().map(f => {
    const name = f.replace(/\.graphql$/, "");
    return { name, url: `http://localhost:0/${fixture}/${name}`, typeDefs: parse(readFileSync(join(dir, f), "utf8")) };
  });
  const result = composeServices(services);
  if (result.errors && result.errors.length) {
    failed = true;
    console.error(`${fixture}: ${result.errors.map(e => e.message).join("\n")}`);
    continue;
  }
  writeFileSync(join(out, `${fixture}.graphql`), result.supergraphSdl);
  console.log(`${fixture}: ${services.length} subgraphs composed`);
}
process.exit(failed ? 1 : 0);
