// Writes the gateway's public API schema (what clients may query) from the checked-in supergraph:
// the join__/link__ machinery and everything @inaccessible stripped by the standard composer's own
// transform. graphql-codegen types the shop's operations against it, so a supergraph change that
// breaks an operation breaks `npm run build`. Offline: reads ../supergraph/supergraph.graphql only.
// Usage: node scripts/public-schema.mjs [supergraph] [out]
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildASTSchema, parse, printSchema, lexicographicSortSchema } from 'graphql';
import { transformSupergraphToPublicSchema } from '@theguild/federation-composition';

const here = dirname(fileURLToPath(import.meta.url));
const supergraphFile = process.argv[2] ?? join(here, '..', '..', 'supergraph', 'supergraph.graphql');
const outFile = process.argv[3] ?? join(here, '..', 'generated', 'public-schema.graphql');

// buildASTSchema validates the result: a supergraph the transform cannot make a schema of fails here
const schema = buildASTSchema(transformSupergraphToPublicSchema(parse(readFileSync(supergraphFile, 'utf8'))));
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, printSchema(lexicographicSortSchema(schema)) + '\n');
console.log(`public-schema: ${outFile}`);
