// Reference gateway for the differential test: @apollo/gateway on the given supergraph file.
// Usage: node reference-gateway.mjs <supergraph.graphql>; prints "READY <port>" once listening.
import { readFileSync } from "node:fs";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { ApolloGateway } from "@apollo/gateway";

const gateway = new ApolloGateway({ supergraphSdl: readFileSync(process.argv[2], "utf8") });
const server = new ApolloServer({ gateway, includeStacktraceInErrorResponses: false });
const { url } = await startStandaloneServer(server, { listen: { port: 0, host: "127.0.0.1" } });
console.log(`READY ${new URL(url).port}`);
