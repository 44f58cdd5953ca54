// Reference gateway for the e2e differential test: @apollo/gateway (the same version as
// graphql-gateway/src/test/js) on the checked-in supergraph, each subgraph at the URL given in
// SUBGRAPH_<NAME>_URL (as our gateway is configured), forwarding the client's Authorization
// header to every subgraph request as ours does.
// Usage: node apollo-gateway.mjs <supergraph.graphql>; prints "READY <port>" once listening.
import { readFileSync } from "node:fs";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";

class ForwardingDataSource extends RemoteGraphQLDataSource {
  willSendRequest({ request, context }) {
    if (context.authorization) request.http.headers.set("authorization", context.authorization);
  }
}

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(process.argv[2], "utf8"),
  buildService: ({ name, url }) =>
    new ForwardingDataSource({ url: process.env[`SUBGRAPH_${name.toUpperCase()}_URL`] ?? url }),
});
const server = new ApolloServer({ gateway, includeStacktraceInErrorResponses: false });
const { url } = await startStandaloneServer(server, {
  listen: { port: 0, host: "127.0.0.1" },
  context: async ({ req }) => ({ authorization: req.headers.authorization }),
});
console.log(`READY ${new URL(url).port}`);
