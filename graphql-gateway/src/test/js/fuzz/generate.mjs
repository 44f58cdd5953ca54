// Random Federation v2 subgraph sets and operations for the differential fuzzer (see README.md).
// Everything is a pure function of the seed: generateCase(seed) gives the same subgraphs, supergraph and
// operations every time, and the subgraph resolvers (resolvers.mjs) derive every value from a hash of
// (seed, object id, field, arguments), so all subgraphs agree on shared data.
import { parse, buildSchema, validate, isObjectType, isInterfaceType, isUnionType, isAbstractType, isCompositeType,
  getNamedType, isNonNullType, isListType, isScalarType, isEnumType, isInputObjectType } from "graphql";
import { composeServices } from "@theguild/federation-composition";
// Apollo's composition (a dependency of @apollo/gateway, same version) checks satisfiability more strictly: a
// set must compose with both, so that every operation valid against the API schema can be planned.
import { composeServices as apolloCompose } from "@apollo/composition";

// ---------------------------------------------------------------- randomness

export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = {
    next,
    int: n => Math.floor(next() * n),
    range: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: p => next() < p,
    pick: arr => arr[Math.floor(next() * arr.length)],
    shuffle: arr => {
      const a2 = arr.slice();
      for (let i = a2.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [a2[i], a2[j]] = [a2[j], a2[i]];
      }
      return a2;
    },
    subset: (arr, lo, hi) => r.shuffle(arr).slice(0, Math.min(arr.length, r.range(lo, hi))),
  };
  return r;
}

/** 53-bit string hash (cyrb53). */
export function hash(str) {
  let h1 = 0xdeadbeef, h2 = 0x41c6ce57;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** JSON with sorted object keys (argument and requirement values hash the same in every subgraph). */
export function canonical(v) {
  if (v === undefined) return "undefined";
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  if (Array.isArray(v)) return "[" + v.map(canonical).join(",") + "]";
  return "{" + Object.keys(v).sort().map(k => JSON.stringify(k) + ":" + canonical(v[k])).join(",") + "}";
}

// ---------------------------------------------------------------- knobs

export const DEFAULTS = {
  subgraphs: [2, 4],
  entities: [2, 4],
  values: [1, 2],
  interfaceChance: 0.6,
  entityInterfaceChance: 0.35, // @key on the interface (+ sometimes an @interfaceObject elsewhere)
  unionChance: 0.5,
  fieldsPerEntity: [2, 5],
  shareChance: 0.25, // an entity field also resolved by a second subgraph (@shareable)
  compoundKeyChance: 0.15,
  multiKeyChance: 0.25,
  unresolvableStubChance: 0.3,
  requiresPerSet: [0, 3],
  requiresArgChance: 0.25,
  providesChance: 0.4,
  queryFields: [2, 4],
  queryShareChance: 0.3,
  errorRate: 0.03, // a nullable scalar (not a key) raises a field error this often
  nullRate: 0.15,
  pool: 4, // objects per type: E0:0 .. E0:3
  operationDepth: 4,
  operationSize: 14, // selection sets per operation at most
  apolloComposition: true, // discard sets @apollo/composition rejects (e.g. unsatisfiable) though the Guild's composes them
};

const SCALARS = ["Int", "String", "Boolean", "Float"];
export const SUBGRAPH_NAMES = ["alpha", "beta", "gamma", "delta"];

// ---------------------------------------------------------------- the schema model

/*
 model = {
   seed, knobs,
   types: { Name: { kind: 'entity'|'value'|'interface'|'union', fields: { f: FieldDef }, keyScheme, members, ... } },
   subgraphs: { alpha: { types: { Name: SubType } } }
 }
 FieldDef = { name, type: {base, list, nonNull, itemNonNull}, args: [{name, type}] }
 SubType = { kind, keys: [{fields, resolvable}], fields: { f: { external, requires, provides } }, interfaceObject, implements }
*/

export function typeString(t) {
  let s = t.base;
  if (t.list) s = "[" + s + (t.itemNonNull ? "!" : "") + "]";
  return s + (t.nonNull ? "!" : "");
}

function randomFieldType(r, targets) {
  // targets: composite type names that may be referenced
  const composite = targets.length > 0 && r.chance(0.45);
  const base = composite ? r.pick(targets) : r.pick(SCALARS);
  const list = composite ? r.chance(0.45) : r.chance(0.1);
  return { base, list, nonNull: r.chance(0.5), itemNonNull: list && r.chance(0.6) };
}

function generateModel(seed, r, k) {
  const nSub = r.range(k.subgraphs[0], k.subgraphs[1]);
  const subNames = SUBGRAPH_NAMES.slice(0, nSub);
  const types = {};
  let counter = 0;
  const fname = t => {
    counter++;
    if (t.list) return "l" + counter;
    if (SCALARS.includes(t.base)) return t.base[0].toLowerCase() + counter;
    return "o" + counter;
  };
  const entities = [], values = [];
  const nEnt = r.range(k.entities[0], k.entities[1]);
  const nVal = r.range(k.values[0], k.values[1]);
  for (let i = 0; i < nEnt; i++) entities.push("E" + i);
  for (let i = 0; i < nVal; i++) values.push("V" + i);
  const hasI = r.chance(k.interfaceChance) && nEnt >= 2;
  const hasU = r.chance(k.unionChance);

  for (const e of entities) {
    const scheme = r.chance(k.compoundKeyChance) ? "compound" : r.chance(k.multiKeyChance) ? "multi" : "id";
    types[e] = { kind: "entity", name: e, keyScheme: scheme, fields: {} };
    types[e].fields.id = { name: "id", type: { base: "ID", nonNull: true } };
    if (scheme !== "id" || r.chance(0.2)) types[e].fields.code = { name: "code", type: { base: "String", nonNull: true } };
  }
  for (const v of values) types[v] = { kind: "value", name: v, fields: {} };
  let iface = null, union = null;
  if (hasI) {
    iface = "I0";
    const members = r.subset(entities, 2, 3);
    const keyed = r.chance(k.entityInterfaceChance) && members.every(m => types[m].keyScheme !== "compound");
    types[iface] = { kind: "interface", name: iface, members, keyed, fields: { id: { name: "id", type: { base: "ID", nonNull: true } } } };
    const nIf = r.range(1, 2);
    for (let i = 0; i < nIf; i++) {
      const t = { base: r.pick(SCALARS), list: false, nonNull: r.chance(0.5) };
      const n = "if" + ++counter;
      types[iface].fields[n] = { name: n, type: t, args: [] };
    }
  }
  if (hasU) {
    union = "U0";
    const pool = entities.concat(values);
    types[union] = { kind: "union", name: union, members: r.subset(pool, 2, 3), fields: {} };
  }
  // value type fields: scalars, a later value type or an entity
  values.forEach((v, i) => {
    const n = r.range(1, 3);
    for (let j = 0; j < n; j++) {
      const targets = values.slice(i + 1).concat(r.chance(0.3) ? entities : []);
      const t = randomFieldType(r, targets);
      const name = fname(t);
      types[v].fields[name] = { name, type: t, args: r.chance(0.1) ? [{ name: "x", type: "Int" }] : [] };
    }
  });
  const composites = entities.concat(values, iface ? [iface] : [], union ? [union] : []);
  for (const e of entities) {
    const n = r.range(k.fieldsPerEntity[0], k.fieldsPerEntity[1]);
    for (let j = 0; j < n; j++) {
      const t = randomFieldType(r, composites);
      const name = fname(t);
      const args = r.chance(0.12) ? [{ name: "x", type: r.chance(0.5) ? "Int" : "Int!" }] : [];
      types[e].fields[name] = { name, type: t, args };
    }
  }
  // implementors carry the interface's fields
  if (iface) {
    for (const m of types[iface].members) {
      for (const f of Object.values(types[iface].fields)) types[m].fields[f.name] = { ...f, fromInterface: iface };
    }
  }

  const model = { seed, knobs: k, types, subgraphs: {}, query: {} };
  for (const s of subNames) model.subgraphs[s] = { name: s, types: {} };
  const sub = s => model.subgraphs[s].types;

  const keyFieldsFor = (e, full) => {
    const scheme = types[e].keyScheme;
    if (scheme === "compound") return [{ fields: "id code" }];
    if (scheme === "multi") {
      if (!full) return [{ fields: r.chance(0.5) ? "id" : "code" }];
      const ks = r.subset(["id", "code"], 1, 2);
      return ks.map(f => ({ fields: f }));
    }
    return [{ fields: "id" }];
  };
  const ensure = (s, t, full) => {
    const T = types[t];
    if (!T) return; // scalar
    const st = sub(s);
    if (st[t]) {
      if (full && T.kind === "entity") {
        for (const key of st[t].keys) key.resolvable = true;
      }
      return;
    }
    if (T.kind === "entity") {
      const keys = keyFieldsFor(t, full);
      const resolvable = full || !r.chance(k.unresolvableStubChance);
      for (const key of keys) key.resolvable = resolvable;
      st[t] = { kind: "entity", keys, fields: {}, implements: [] };
      for (const key of keys) for (const f of key.fields.split(" ")) st[t].fields[f] = {};
    } else if (T.kind === "value") {
      st[t] = { kind: "value", fields: {} };
      const names = Object.keys(T.fields);
      const chosen = r.chance(0.1) && names.length > 1 ? r.subset(names, 1, names.length - 1) : names;
      for (const f of chosen) st[t].fields[f] = {};
      for (const f of chosen) ensure(s, T.fields[f].type.base, false);
    } else if (T.kind === "interface") {
      if (T.keyed && T.home !== s) {
        st[t] = { kind: "interfaceObject", keys: [{ fields: "id", resolvable: true }], fields: { id: {} } };
        return;
      }
      st[t] = { kind: "interface", keys: T.keyed ? [{ fields: "id", resolvable: true }] : [], fields: {} };
      for (const f of Object.keys(T.fields)) st[t].fields[f] = {};
      for (const m of T.members) {
        ensure(s, m, T.keyed);
        const mt = st[m];
        if (T.keyed && !mt.keys.some(k2 => k2.fields === "id")) mt.keys.push({ fields: "id", resolvable: true });
        mt.implements = (mt.implements || []).concat([t]);
        for (const f of Object.keys(T.fields)) mt.fields[f] = mt.fields[f] || {};
      }
    } else if (T.kind === "union") {
      st[t] = { kind: "union", fields: {} };
      for (const m of T.members) ensure(s, m, false);
    }
  };

  // the interface's home subgraph(s)
  if (iface) {
    const T = types[iface];
    T.home = r.pick(subNames);
    ensure(T.home, iface, true);
    if (!T.keyed && r.chance(0.3)) ensure(r.pick(subNames), iface, true);
  }
  // entity field ownership
  for (const e of entities) {
    const owners = new Set();
    for (const f of Object.values(types[e].fields)) {
      if (f.name === "id" || f.name === "code" || f.fromInterface) continue;
      const o = [r.pick(subNames)];
      if (r.chance(k.shareChance)) o.push(r.pick(subNames));
      for (const s of new Set(o)) {
        ensure(s, e, true);
        sub(s)[e].fields[f.name] = {};
        ensure(s, f.type.base, false);
        owners.add(s);
      }
    }
    if (owners.size === 0) ensure(r.pick(subNames), e, true);
    if (types[e].fields.code) {
      // the code field is resolvable wherever the entity is fully defined
      for (const s of subNames) if (sub(s)[e] && sub(s)[e].keys.some(x => x.resolvable)) sub(s)[e].fields.code = {};
    }
  }
  // interface fields on implementors, entity-interface object fields
  if (iface && types[iface].keyed && r.chance(0.6)) {
    const others = subNames.filter(s => s !== types[iface].home && !types[iface].members.some(m => sub(s)[m]));
    if (others.length) {
      const s = r.pick(others);
      ensure(s, iface, true);
      const t = { base: r.pick(SCALARS), list: false, nonNull: r.chance(0.5) };
      const n = "io" + ++counter;
      types[iface].fields[n] = { name: n, type: t, args: [], interfaceObjectField: true };
      for (const m of types[iface].members) types[m].fields[n] = { ...types[iface].fields[n], fromInterface: iface };
      sub(s)[iface].fields[n] = {};
    }
  }
  // root fields
  const nq = r.range(k.queryFields[0], k.queryFields[1]);
  for (let i = 0; i < nq; i++) {
    const target = r.pick(composites);
    const T = types[target];
    let field;
    const name = "q" + i;
    if ((T.kind === "entity" || (T.kind === "interface")) && r.chance(0.5)) {
      field = { name, type: { base: target, nonNull: false }, args: [{ name: "id", type: "ID!" }] };
    } else if (r.chance(0.6)) {
      field = { name, type: { base: target, list: true, nonNull: true, itemNonNull: r.chance(0.7) },
        args: r.chance(0.4) ? [{ name: "first", type: "Int" }] : [] };
    } else {
      field = { name, type: { base: target, nonNull: r.chance(0.5) }, args: [] };
    }
    model.query[name] = field;
    const owners = new Set([r.pick(subNames)]);
    if (r.chance(k.queryShareChance)) owners.add(r.pick(subNames));
    for (const s of owners) {
      if (T.kind === "interface" && T.keyed && s !== T.home) {
        // a field of an entity interface outside its home would return an @interfaceObject
      }
      sub(s).Query = sub(s).Query || { kind: "query", fields: {} };
      sub(s).Query.fields[name] = {};
      ensure(s, target, false);
    }
  }
  // @requires
  const nreq = r.range(k.requiresPerSet[0], k.requiresPerSet[1]);
  for (let i = 0; i < nreq; i++) addRequires(r, model, subNames, entities, k, () => ++counter);
  // @provides
  for (const s of subNames) {
    if (!r.chance(k.providesChance)) continue;
    addProvides(r, model, s);
  }
  return model;
}

function ownersOf(model, t, f) {
  return Object.keys(model.subgraphs).filter(s => {
    const st = model.subgraphs[s].types[t];
    return st && st.fields[f] && !st.fields[f].external;
  });
}

function addRequires(r, model, subNames, entities, k, next) {
  const e = r.pick(entities);
  const T = model.types[e];
  const hosts = subNames.filter(s => model.subgraphs[s].types[e]?.keys?.some(x => x.resolvable));
  if (!hosts.length) return;
  const s = r.pick(hosts);
  const st = model.subgraphs[s].types[e];
  const candidates = Object.values(T.fields).filter(f => f.name !== "id" && f.name !== "code" && !f.interfaceObjectField
    && !st.fields[f.name] && ownersOf(model, e, f.name).length > 0);
  if (!candidates.length) return;
  const chosen = r.subset(candidates, 1, 2);
  const parts = [];
  for (const f of chosen) {
    let sel = f.name;
    if (f.args && f.args.length) {
      if (!r.chance(k.requiresArgChance)) continue;
      sel += `(x: ${r.int(5)})`;
    }
    st.fields[f.name] = { external: true };
    const B = model.types[f.type.base];
    if (B) {
      const sub2 = subSelection(r, model, s, B, 0);
      if (!sub2) { delete st.fields[f.name]; continue; }
      sel += " " + sub2;
    }
    parts.push(sel);
  }
  if (!parts.length) return;
  const name = "r" + next();
  const type = { base: r.pick(["Int", "String"]), nonNull: r.chance(0.3) };
  T.fields[name] = { name, type, args: [] };
  st.fields[name] = { requires: parts.join(" ") };
}

// selection for a @requires/@provides on a composite type, declaring what it needs in subgraph s
function subSelection(r, model, s, B, depth, provides = false) {
  const st = model.subgraphs[s].types;
  if (B.kind === "union" || B.kind === "interface") return null;
  const names = Object.keys(B.fields).filter(f => !B.fields[f].args?.length && !B.fields[f].interfaceObjectField && !f.startsWith("r"));
  if (!names.length) return null;
  const chosen = r.subset(names, 1, 2);
  // define the type in s
  if (!st[B.name]) {
    if (B.kind === "value") {
      st[B.name] = { kind: "value", fields: {} };
    } else {
      st[B.name] = { kind: "entity", keys: [{ fields: B.keyScheme === "compound" ? "id code" : B.keyScheme === "multi" ? "code" : "id", resolvable: false }], fields: {}, implements: [] };
      for (const key of st[B.name].keys) for (const f of key.fields.split(" ")) st[B.name].fields[f] = {};
    }
  }
  const parts = [];
  for (const f of chosen) {
    const fd = B.fields[f];
    const C = model.types[fd.type.base];
    let sel = f;
    if (C) {
      if (depth >= 1) continue;
      const inner = subSelection(r, model, s, C, depth + 1, provides);
      if (!inner) continue;
      sel += " " + inner;
    }
    if (!st[B.name].fields[f]) {
      st[B.name].fields[f] = B.kind === "entity" && !(st[B.name].keys || []).some(k2 => k2.fields.split(" ").includes(f)) ? { external: true } : {};
    }
    if (provides && st[B.name].fields[f].external) st[B.name].fields[f].provided = true;
    parts.push(sel);
  }
  if (!parts.length) return null;
  return "{ " + parts.join(" ") + " }";
}

function addProvides(r, model, s) {
  const st = model.subgraphs[s].types;
  const spots = [];
  for (const [tn, t] of Object.entries(st)) {
    for (const [fn, f] of Object.entries(t.fields)) {
      if (f.external || f.requires || f.provides) continue;
      const def = tn === "Query" ? model.query[fn] : model.types[tn]?.fields[fn];
      if (!def) continue;
      const B = model.types[def.type.base];
      if (B && B.kind === "entity") spots.push([tn, fn, B]);
    }
  }
  if (!spots.length) return;
  const [tn, fn, B] = r.pick(spots);
  const names = Object.keys(B.fields).filter(f => f !== "id" && f !== "code" && !B.fields[f].args?.length
    && !B.fields[f].interfaceObjectField && !f.startsWith("r") && !(st[B.name]?.fields[f] && !st[B.name].fields[f].external));
  if (!names.length) return;
  const chosen = r.subset(names, 1, 2);
  const parts = [];
  for (const f of chosen) {
    const C = model.types[B.fields[f].type.base];
    let sel = f;
    if (C) {
      const inner = subSelection(r, model, s, C, 1, true);
      if (!inner) continue;
      sel += " " + inner;
    }
    st[B.name].fields[f] = { external: true, provided: true };
    parts.push(sel);
  }
  if (!parts.length) return;
  st[tn].fields[fn].provides = parts.join(" ");
}

// ---------------------------------------------------------------- SDL

function definedCount(model, t, f) {
  let n = 0;
  for (const s of Object.values(model.subgraphs)) {
    const st = s.types[t];
    if (st && st.fields[f] && (!st.fields[f].external || st.fields[f].provided) && st.kind !== "interface") n++;
  }
  return n;
}

export function subgraphSdl(model, s) {
  const st = model.subgraphs[s].types;
  const out = [`extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@interfaceObject"])`, ""];
  const fieldLine = (tn, fn, def, sf, kind) => {
    const args = def.args && def.args.length ? "(" + def.args.map(a => `${a.name}: ${a.type}`).join(", ") + ")" : "";
    let line = `  ${fn}${args}: ${typeString(def.type)}`;
    if (sf.external) line += " @external";
    if (sf.requires) line += ` @requires(fields: ${JSON.stringify(sf.requires)})`;
    if (sf.provides) line += ` @provides(fields: ${JSON.stringify(sf.provides)})`;
    if (!sf.external && kind !== "interface" && (tn === "Query" ? definedCount(model, "Query", fn) : definedCount(model, tn, fn)) > 1) line += " @shareable";
    return line;
  };
  const order = Object.keys(st).sort((a, b) => (a === "Query" ? -1 : b === "Query" ? 1 : a.localeCompare(b)));
  for (const tn of order) {
    const t = st[tn];
    if (t.kind === "union") {
      out.push(`union ${tn} = ${model.types[tn].members.join(" | ")}`, "");
      continue;
    }
    const keys = (t.keys || []).map(k => ` @key(fields: ${JSON.stringify(k.fields)}${k.resolvable === false ? ", resolvable: false" : ""})`).join("");
    const impl = t.implements && t.implements.length ? " implements " + t.implements.join(" & ") : "";
    const head = t.kind === "interface" ? `interface ${tn}${keys}` : t.kind === "interfaceObject" ? `type ${tn}${keys} @interfaceObject` : `type ${tn}${impl}${keys}`;
    out.push(head + " {");
    for (const fn of Object.keys(t.fields)) {
      const def = tn === "Query" ? model.query[fn] : model.types[tn].fields[fn];
      out.push(fieldLine(tn, fn, def, t.fields[fn], t.kind));
    }
    out.push("}", "");
  }
  return out.join("\n");
}

// ---------------------------------------------------------------- operations

function argValue(r, model, argType, fieldType) {
  const base = argType.replace(/[!\[\]]/g, "");
  if (base === "ID") {
    const T = model.types[fieldType];
    const t = T && (T.kind === "interface" || T.kind === "union") ? r.pick(T.members) : fieldType;
    return JSON.stringify(`${t}:${r.int(model.knobs.pool + 1)}`);
  }
  if (base === "Int") return String(r.int(5));
  if (base === "String") return JSON.stringify("s" + r.int(3));
  if (base === "Boolean") return r.chance(0.5) ? "true" : "false";
  return "1";
}

function generateOperation(r, model, schema) {
  const fragments = [];
  let aliasCounter = 0;
  const maxDepth = model.knobs.operationDepth;
  let budget = r.range(4, model.knobs.operationSize);
  const sel = (type, depth) => {
    const parts = [];
    const n = budget-- > 0 ? r.range(1, 3) : 1;
    if (budget < 0) return "{ " + (isAbstractType(type) ? "__typename" : r.pick(leafNames(type))) + " }";
    if (isAbstractType(type)) {
      const possible = schema.getPossibleTypes(type);
      if (r.chance(0.5)) parts.push("__typename");
      if (isInterfaceType(type)) {
        for (let i = 0; i < n - 1; i++) parts.push(fieldSel(type, depth));
      }
      for (const p of r.subset(possible, 1, 2)) {
        if (r.chance(0.2)) parts.push(fragmentSpread(p, depth));
        else parts.push(`... on ${p.name} ${sel(p, depth)}`);
      }
      if (isInterfaceType(type) && r.chance(0.15)) parts.push(`... on ${type.name} ${sel(type, depth)}`);
    } else {
      for (let i = 0; i < n; i++) parts.push(fieldSel(type, depth));
      if (r.chance(0.1)) parts.push("__typename");
      if (r.chance(0.1)) parts.push(`... ${sel(type, depth)}`);
      if (r.chance(0.08)) parts.push(fragmentSpread(type, depth));
      if (r.chance(0.1)) {
        const ifaces = type.getInterfaces();
        if (ifaces.length) parts.push(`... on ${ifaces[0].name} ${sel(ifaces[0], depth)}`);
      }
    }
    const uniq = [...new Set(parts.filter(Boolean))];
    return "{ " + (uniq.length ? uniq.join(" ") : "__typename") + " }";
  };
  const leafNames = type => {
    const l = Object.values(type.getFields()).filter(x => !isCompositeType(getNamedType(x.type)) && !x.args.some(a => isNonNullType(a.type))).map(x => x.name);
    return l.length ? l : ["__typename"];
  };
  const fragmentSpread = (type, depth) => {
    const name = "F" + fragments.length;
    fragments.push(null);
    fragments[fragments.length - 1] = `fragment ${name} on ${type.name} ${sel(type, depth)}`;
    return "..." + name;
  };
  const fieldSel = (type, depth) => {
    const fields = Object.values(type.getFields());
    let f = r.pick(fields);
    const named = getNamedType(f.type);
    if (isCompositeType(named) && depth >= maxDepth) {
      const leafs = fields.filter(x => !isCompositeType(getNamedType(x.type)));
      if (!leafs.length) return "__typename";
      f = r.pick(leafs);
    }
    let s = "";
    if (r.chance(0.2)) s += `a${aliasCounter++}: `;
    s += f.name;
    const args = [];
    for (const a of f.args) {
      if (isNonNullType(a.type) || r.chance(0.5)) args.push(`${a.name}: ${argValue(r, model, String(a.type), getNamedType(f.type).name)}`);
    }
    if (args.length) s += "(" + args.join(", ") + ")";
    if (isCompositeType(getNamedType(f.type))) s += " " + sel(getNamedType(f.type), depth + 1);
    return s;
  };
  const body = sel(schema.getQueryType(), 0);
  return [`query Q${r.int(1000)} ${body}`].concat(fragments).join("\n");
}

// ---------------------------------------------------------------- the case

/**
 * Generates and composes subgraph sets from the seed until one composes; returns
 * { seed, model, sdls: {name: sdl}, supergraphSdl, publicSdl, discarded, compositionErrors, operations: [query] }.
 */
export function generateCase(seed, { operations = 20, knobs = {}, placeholderUrl = n => `http://fuzz.invalid/${n}` } = {}) {
  const k = { ...DEFAULTS, ...knobs };
  const r = prng(seed);
  let discarded = 0, apolloRejected = 0;
  const compositionErrors = [];
  for (let attempt = 0; attempt < 200; attempt++) {
    const model = generateModel(seed, r, k);
    model.attempt = attempt;
    const sdls = {};
    for (const s of Object.keys(model.subgraphs)) sdls[s] = subgraphSdl(model, s);
    let result;
    try {
      result = composeServices(Object.entries(sdls).map(([name, sdl]) => ({ name, url: placeholderUrl(name), typeDefs: parse(sdl) })));
    } catch (e) {
      result = { errors: [e] };
    }
    if (result.errors && result.errors.length) {
      discarded++;
      if (compositionErrors.length < 5) compositionErrors.push(result.errors[0].message);
      continue;
    }
    if (k.apolloComposition) {
      let apollo;
      try {
        apollo = apolloCompose(Object.entries(sdls).map(([name, sdl]) => ({ name, url: placeholderUrl(name), typeDefs: parse(sdl) })));
      } catch (e) {
        apollo = { errors: [e] };
      }
      if (apollo.errors && apollo.errors.length) {
        discarded++;
        apolloRejected++;
        if (compositionErrors.length < 5) compositionErrors.push("apollo: " + apollo.errors[0].message);
        continue;
      }
    }
    const schema = buildSchema(result.publicSdl);
    const ops = [];
    const seen = new Set();
    for (let i = 0; i < operations * 5 && ops.length < operations; i++) {
      let q;
      try {
        q = generateOperation(r, model, schema);
      } catch (e) {
        continue;
      }
      if (seen.has(q)) continue;
      if (validate(schema, parse(q)).length) continue;
      seen.add(q);
      ops.push(q);
    }
    return { seed, model, sdls, supergraphSdl: result.supergraphSdl, publicSdl: result.publicSdl, discarded, apolloRejected, compositionErrors, operations: ops };
  }
  throw new Error(`seed ${seed}: no composable subgraph set in 200 attempts: ${compositionErrors.join(" | ")}`);
}

// CLI: node generate.mjs <seed> [operations] prints the subgraphs and the operations
if (import.meta.url === `file://${process.argv[1]}`) {
  const seed = Number(process.argv[2] || 1);
  const c = generateCase(seed, { operations: Number(process.argv[3] || 10) });
  for (const [n, sdl] of Object.entries(c.sdls)) console.log(`# ---- subgraph ${n}\n${sdl}`);
  console.log(`# discarded ${c.discarded}: ${c.compositionErrors.join(" | ")}`);
  for (const q of c.operations) console.log(q + "\n");
}
