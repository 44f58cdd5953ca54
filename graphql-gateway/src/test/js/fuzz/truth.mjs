// The expected answer of an operation, independent of any gateway: the API schema executed by graphql-js over
// one monolithic copy of the generated data (the same value function as the subgraphs; a @requires field gets
// the required values computed directly). Used to tell which gateway is wrong when the two differ.
import { buildSchema, graphql, isObjectType, isAbstractType, valueFromASTUntyped } from "graphql";
import { makeValue, selections } from "./subgraphs.mjs";

/** compute(type, field, parent, args) and evaluate(selections, type, object) over the monolithic model. */
export function makeModel(model) {
  const value = makeValue(model, {});
  const requiresOf = (tn, fn) => {
    for (const s of Object.values(model.subgraphs)) {
      const sf = s.types[tn]?.fields[fn];
      if (sf && sf.requires) return sf.requires;
    }
    return null;
  };
  const defOf = (tn, fn) => (tn === "Query" ? model.query[fn] : model.types[tn]?.fields[fn]);
  const compute = (tn, fn, parent, args) => {
    const def = defOf(tn, fn);
    const requires = requiresOf(tn, fn);
    if (!requires) return value(tn, fn, def, {}, parent, args);
    return value(tn, fn, def, { requires }, { ...parent, __rep: evaluate(selections(requires), tn, parent) }, args);
  };
  // the required values, as an owning subgraph would have returned them (a field error gives null)
  const evaluate = (sels, tn, obj) => {
    const out = {};
    for (const node of sels) {
      if (node.kind !== "Field") continue;
      const fn = node.name.value;
      const args = {};
      for (const a of node.arguments || []) args[a.name.value] = valueFromASTUntyped(a.value);
      let v;
      try {
        v = compute(tn, fn, obj, args);
      } catch (e) {
        v = null;
      }
      if (node.selectionSet && v !== null && v !== undefined) {
        const sub = item => (item === null ? null : evaluate(node.selectionSet.selections, item.__typename, item));
        v = Array.isArray(v) ? v.map(sub) : sub(v);
      }
      out[fn] = v;
    }
    return out;
  };
  return { compute, evaluate };
}

export function truthSchema(c) {
  const { compute } = makeModel(c.model);
  const schema = buildSchema(c.publicSdl);
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__")) continue;
    if (isAbstractType(type)) type.resolveType = o => o.__typename;
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      field.resolve = (parent, args) => compute(type.name, field.name, parent || {}, args);
    }
  }
  return schema;
}

export async function truth(schema, query) {
  const result = await graphql({ schema, source: query, rootValue: {} });
  return JSON.parse(JSON.stringify(result));
}
