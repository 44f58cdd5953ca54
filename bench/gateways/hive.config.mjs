// Hive Gateway configuration for the benchmark: forward the client's Authorization header to
// the subgraphs, as our gateway and the Apollo setup do.
import { defineConfig } from '@graphql-hive/gateway';

export const gatewayConfig = defineConfig({
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => {
      const authorization = request.headers.get('authorization');
      return authorization ? { authorization } : {};
    },
  },
});
