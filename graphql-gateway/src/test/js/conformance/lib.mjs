// Shared helpers of the conformance tools: load a family's subgraph modules, compose them,
// and serve each subgraph with buildSubgraphSchema (@apollo/subgraph) over node:http.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join, basename, resolve } from "node:path";
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";
import { parse, execute, parse as parseDoc, validate } from "graphql";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { composeServices } from "@theguild/federation-composition";

/** Placeholder URL written into supergraph.graphql; gateways override it per subgraph name. */
export const placeholderUrl = (family, name) => `http://localhost:0/${family}/${name}`;

export async function loadFamily(dir) {
  dir = resolve(dir);
  const family = basename(dir);
  const files = readdirSync(dir).filter(f => f.endsWith(".mjs")).sort();
  const subgraphs = [];
  for (const f of files) {
    const mod = await import(pathToFileURL(join(dir, f)).href);
    subgraphs.push({ name: f.replace(/\.mjs$/, ""), typeDefs: mod.typeDefs, resolvers: mod.resolvers ?? {} });
  }
  const opsFile = join(dir, "operations.json");
  const operations = existsSync(opsFile) ? JSON.parse(readFileSync(opsFile, "utf8")) : [];
  return { dir, family, subgraphs, operations, opsFile };
}

export function compose(fam) {
  const services = fam.subgraphs.map(s => ({ name: s.name, url: placeholderUrl(fam.family, s.name), typeDefs: parse(s.typeDefs) }));
  const result = composeServices(services);
  if (result.errors && result.errors.length) {
    throw new Error(`${fam.family}: composition failed:\n${result.errors.map(e => e.message).join("\n")}`);
  }
  return result.supergraphSdl;
}

async function readBody(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return Buffer.concat(chunks).toString("utf8");
}

/** Starts every subgraph of the family on 127.0.0.1 ephemeral ports; returns { urls, close }. */
export async function serveFamily(fam) {
  const servers = [];
  const urls = {};
  for (const s of fam.subgraphs) {
    const schema = buildSubgraphSchema([{ typeDefs: parse(s.typeDefs), resolvers: s.resolvers }]);
    const server = createServer(async (req, res) => {
      try {
        if (req.method !== "POST") { res.writeHead(405).end(); return; }
        const { query, variables, operationName } = JSON.parse(await readBody(req));
        let document;
        let result;
        try {
          document = parseDoc(query);
        } catch (e) {
          result = { errors: [{ message: e.message }] };
        }
        if (!result) {
          const errors = validate(schema, document);
          result = errors.length
            ? { errors: errors.map(e => ({ message: e.message })) }
            : await execute({ schema, document, variableValues: variables, operationName, contextValue: {} });
        }
        if (process.env.CONFORMANCE_LOG) console.error(`[${fam.family}/${s.name}] ${query.replace(/\s+/g, " ")} ${JSON.stringify(variables ?? {})}`);
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(result));
      } catch (e) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ errors: [{ message: String(e) }] }));
      }
    });
    await new Promise(r => server.listen(0, "127.0.0.1", r));
    servers.push(server);
    urls[s.name] = `http://127.0.0.1:${server.address().port}/graphql`;
  }
  return { urls, close: () => Promise.all(servers.map(sv => new Promise(r => { sv.closeAllConnections?.(); sv.close(r); }))) };
}

export function withUrls(supergraphSdl, fam, urls) {
  let sdl = supergraphSdl;
  for (const [name, url] of Object.entries(urls)) sdl = sdl.split(placeholderUrl(fam.family, name)).join(url);
  return sdl;
}

/** Error paths of a response, each an array (an error without path is []), sorted for comparison. */
export function errorPaths(body) {
  return (body.errors ?? []).map(e => e.path ?? []).map(p => JSON.stringify(p)).sort();
}
