// Generic, deterministic resolvers for a generated subgraph set, served with @apollo/subgraph over node:http.
// Every object is {__typename, id} with id "<Type>:<n>"; a field's value is a hash of
// (seed, id, field, arguments[, the @requires values received]) so every subgraph that resolves a field
// returns the same value, and a missing or wrong requirement changes the answer (or raises an error).
import { createServer } from "node:http";
import { parse, graphql } from "graphql";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { hash, canonical } from "./generate.mjs";
import { makeModel } from "./truth.mjs";

const MISSING = "<missing>";

function project(value, selections) {
  if (value === null || value === undefined) return value === undefined ? MISSING : null;
  if (Array.isArray(value)) return value.map(v => project(v, selections));
  const out = {};
  for (const s of selections) {
    if (s.kind !== "Field") continue;
    const name = s.name.value;
    const v = value[name];
    out[name] = v === undefined ? MISSING : s.selectionSet ? project(v, s.selectionSet.selections) : v;
  }
  return out;
}

const parsedSelections = new Map();
export function selections(fieldSet) {
  if (!parsedSelections.has(fieldSet)) parsedSelections.set(fieldSet, parse(`{ ${fieldSet} }`).definitions[0].selectionSet.selections);
  return parsedSelections.get(fieldSet);
}

// every missing value stands for a null and nothing else differs
function nullsOmitted(got, expected) {
  if (got === MISSING) return expected === null;
  if (Array.isArray(got)) return Array.isArray(expected) && got.length === expected.length && got.every((g, i) => nullsOmitted(g, expected[i]));
  if (got && typeof got === "object") return expected && typeof expected === "object" && Object.keys(expected).every(f => nullsOmitted(got[f], expected[f]));
  return canonical(got) === canonical(expected);
}

function hasMissing(v) {
  if (v === MISSING) return true;
  if (v && typeof v === "object") return Object.values(v).some(hasMissing);
  return false;
}

/** The value function of subgraph s (st: its types; {} for the monolithic model in truth.mjs). */
export function makeValue(model, st, check = false) {
  const k = model.knobs;
  let truth = null;
  const H = (...parts) => hash(model.seed + "|" + parts.map(p => (typeof p === "string" ? p : canonical(p))).join("|"));
  const typeOfId = id => String(id).split(":")[0];

  const makeObject = (baseName, key, i) => {
    const T = model.types[baseName];
    let concrete = baseName;
    if (T.kind === "interface" || T.kind === "union") concrete = T.members[H(key, "type", i) % T.members.length];
    const id = `${concrete}:${H(key, "id", i) % k.pool}`;
    return { __typename: st[baseName]?.kind === "interfaceObject" ? baseName : concrete, id };
  };
  const scalar = (base, key, i) => {
    const h = H(key, "v", i);
    switch (base) {
      case "Int": return (h % 201) - 100;
      case "Float": return (h % 400) / 4 - 50;
      case "Boolean": return h % 2 === 0;
      case "String": return "v" + (h % 100000).toString(36);
      default: return String(h % 1000);
    }
  };
  const value = (tn, fn, def, sf, parent, args) => {
    const parentId = parent.id;
    if (fn === "id") return parentId;
    if (fn === "code") return "c-" + parentId;
    // an @external field is only this subgraph's to resolve below a @provides (the objects a providing field
    // returns carry the provided selection in __provided); a gateway that asks for it elsewhere gets an error
    const provided = parent.__provided ? parent.__provided.find(x => x.kind === "Field" && x.name.value === fn) : null;
    if (sf.external && !provided) throw new Error(`@external field ${tn}.${fn} requested outside a @provides`);
    const childSel = sf.provides ? selections(sf.provides) : provided?.selectionSet?.selections;
    const mark = childSel ? o => (o && typeof o === "object" ? { ...o, __provided: childSel } : o) : o => o;
    const t = def.type;
    const key = [parentId === undefined ? "Query" : parentId, fn, args];
    if (sf.requires) {
      const projected = project(parent.__rep || {}, selections(sf.requires));
      if (check) {
        // compare with what the owning subgraphs hold, to name the fault precisely
        truth = truth || makeModel(model);
        const expected = truth.evaluate(selections(sf.requires), tn, { __typename: tn, id: parentId });
        if (canonical(expected) !== canonical(projected)) {
          const what = !hasMissing(projected) ? "wrong" : nullsOmitted(projected, expected) ? "null omitted" : "missing";
          throw new Error(`requirement ${what} for ${tn}.${fn}: got ${canonical(projected)} expected ${canonical(expected)}`);
        }
      } else if (hasMissing(projected)) {
        throw new Error(`requirement missing for ${tn}.${fn}: got ${canonical(projected)}`);
      }
      key.push(projected);
    }
    const T = model.types[t.base];
    if (!t.list && !T && fn !== "id") {
      if (!t.nonNull && H(key, "err") % 1000 < k.errorRate * 1000) throw new Error(`field error at ${tn}.${fn}`);
    }
    if (!t.nonNull && H(key, "null") % 1000 < k.nullRate * 1000) return null;
    // a root field with an id argument returns that object
    if (args && args.id !== undefined && T && !t.list) {
      const concrete = typeOfId(args.id);
      if (T.kind === "interface" || T.kind === "union") {
        if (!T.members.includes(concrete)) return null;
        return mark({ __typename: st[t.base]?.kind === "interfaceObject" ? t.base : concrete, id: args.id });
      }
      return concrete === t.base ? mark({ __typename: t.base, id: args.id }) : null;
    }
    if (t.list) {
      let n = H(key, "len") % 4;
      if (args && typeof args.first === "number") n = Math.max(0, Math.min(n, args.first));
      const items = [];
      for (let i = 0; i < n; i++) {
        if (!t.itemNonNull && H(key, "inull", i) % 7 === 0) items.push(null);
        else items.push(T ? mark(makeObject(t.base, canonical(key), i)) : scalar(t.base, key, i));
      }
      return items;
    }
    return T ? mark(makeObject(t.base, canonical(key), 0)) : scalar(t.base, key, 0);
  };
  return value;
}

export function resolversFor(model, s) {
  const st = model.subgraphs[s].types;
  const value = makeValue(model, st, true);
  const typeOfId = id => String(id).split(":")[0];

  const resolvers = {};
  for (const [tn, t] of Object.entries(st)) {
    if (t.kind === "union") {
      resolvers[tn] = { __resolveType: o => o.__typename };
      continue;
    }
    const r = (resolvers[tn] = {});
    if (t.kind === "interface") {
      r.__resolveType = o => o.__typename;
      if (t.keys.length) r.__resolveReference = rep => ({ __typename: typeOfId(rep.id), id: rep.id, __rep: rep });
      continue;
    }
    if (t.keys && t.keys.length) {
      r.__resolveReference = rep => {
        const id = rep.id !== undefined ? rep.id : String(rep.code).slice(2);
        return { __typename: t.kind === "interfaceObject" ? tn : typeOfId(id), id, __rep: rep };
      };
    }
    for (const [fn, sf] of Object.entries(t.fields)) {
      const def = tn === "Query" ? model.query[fn] : model.types[tn].fields[fn];
      r[fn] = (parent, args) => value(tn, fn, def, sf, parent || {}, args);
    }
  }
  return resolvers;
}

/** Starts one HTTP server per subgraph on 127.0.0.1; returns {urls, close()}. */
export async function startSubgraphs(c) {
  const servers = [];
  const urls = {};
  for (const [name, sdl] of Object.entries(c.sdls)) {
    const schema = buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers: resolversFor(c.model, name) }]);
    const server = createServer((req, res) => {
      const chunks = [];
      req.on("data", d => chunks.push(d));
      req.on("end", async () => {
        let body;
        try {
          const request = JSON.parse(Buffer.concat(chunks).toString("utf8"));
          body = await graphql({ schema, source: request.query, variableValues: request.variables, operationName: request.operationName });
        } catch (e) {
          body = { errors: [{ message: String(e && e.message) }] };
        }
        const text = JSON.stringify(body);
        res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
        res.end(text);
      });
    });
    await new Promise(resolve => server.listen(0, "127.0.0.1", resolve));
    servers.push(server);
    urls[name] = `http://127.0.0.1:${server.address().port}/graphql`;
  }
  return {
    urls,
    close: () => Promise.all(servers.map(sv => new Promise(resolve => { sv.closeAllConnections?.(); sv.close(() => resolve()); }))),
  };
}
