import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed operations (client preset) from the public API schema that scripts/public-schema.mjs
// derives from the checked-in supergraph: an operation the supergraph no longer supports fails here
// (validation) or in `tsc --noEmit` (types), and `npm run build` runs both.
const config: CodegenConfig = {
  schema: 'generated/public-schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  errorsOnly: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { ID: 'string' },
      },
    },
  },
};
export default config;
