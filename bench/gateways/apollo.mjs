// Apollo Gateway (the reference Node federation gateway) on a supergraph file.
// Usage: node apollo.mjs <supergraph.graphql> <port>
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway } from '@apollo/gateway';

const [file, port] = process.argv.slice(2);
const gateway = new ApolloGateway({ supergraphSdl: readFileSync(file, 'utf8') });
const server = new ApolloServer({ gateway });
const { url } = await startStandaloneServer(server, { listen: { port: Number(port) } });
console.log(`apollo gateway ready at ${url}`);
