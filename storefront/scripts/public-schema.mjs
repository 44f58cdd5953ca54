// Writes the gateway's public API schema (what clients may query) from the checked-in supergraph:
// the join__/link__ machinery and everything @inaccessible stripped by the standard composer's own
// transform. graphql-codegen types the shop's operations against it, so a supergraph change that
// breaks an operation breaks `npm run build`. Offline: reads ../supergraph/supergraph.graphql only.
// Usage: node scripts/public-schema.mjs [supergraph] [out]
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildASTSchema, parse, print, printSchema, lexicographicSortSchema, Kind } from 'graphql';
import { transformSupergraphToPublicSchema } from '@theguild/federation-composition';

const here = dirname(fileURLToPath(import.meta.url));
const supergraphFile = process.argv[2] ?? join(here, '..', '..', 'supergraph', 'supergraph.graphql');
const outFile = process.argv[3] ?? join(here, '..', 'generated', 'public-schema.graphql');

let document = transformSupergraphToPublicSchema(parse(readFileSync(supergraphFile, 'utf8')));
// While another branch's API is not merged yet, its agreed contract (/work/contract-14.md) may be
// laid over the supergraph from schema/pending-contract.graphql: new types are added, fields of
// `extend type` blocks added or replaced. Development only: the file is deleted once the
// supergraph has the API, and the build says loudly when it is used.
const pending = join(here, '..', 'schema', 'pending-contract.graphql');
if (existsSync(pending)) {
  document = overlay(document, parse(readFileSync(pending, 'utf8')));
  console.warn(`public-schema: WARNING: overlaid ${pending} (contract not yet in the supergraph)`);
}
const schema = buildASTSchema(document);
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, printSchema(lexicographicSortSchema(schema)) + '\n');
console.log(`public-schema: ${outFile}`);

function overlay(base, extra) {
  const definitions = [...base.definitions];
  for (const definition of extra.definitions) {
    if (definition.kind === Kind.OBJECT_TYPE_EXTENSION || definition.kind === Kind.INPUT_OBJECT_TYPE_EXTENSION) {
      const index = definitions.findIndex((d) => d.name?.value === definition.name.value && !d.kind.endsWith('_EXTENSION'));
      if (index < 0) throw new Error(`pending contract extends unknown type ${definition.name.value}`);
      const target = definitions[index];
      const fields = [...target.fields];
      for (const field of definition.fields) {
        const at = fields.findIndex((f) => f.name.value === field.name.value);
        if (at >= 0) fields[at] = field; else fields.push(field);
      }
      definitions[index] = { ...target, fields };
    } else {
      if (definitions.some((d) => d.name?.value === definition.name?.value)) {
        console.warn(`public-schema: ${definition.name.value} is in the supergraph already: ${print(definition).split('\n')[0]}`);
        continue;
      }
      definitions.push(definition);
    }
  }
  return { ...base, definitions };
}
