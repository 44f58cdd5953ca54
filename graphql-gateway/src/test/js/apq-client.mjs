// Apollo Client's persisted query link against a GraphQL endpoint, for PersistedQueryTest.
// Usage: node apq-client.mjs <url> '<json array of {query, variables}>'
// Runs each operation twice (network-only) through createPersistedQueryLink (hashed queries over GET)
// and prints one JSON object: the results, and every HTTP request the client sent (method, whether it
// carried the query text, a hash, its response status).
import { createHash } from "node:crypto";
import { ApolloClient, InMemoryCache, HttpLink, gql } from "@apollo/client";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";

const [url, operationsJson] = process.argv.slice(2);
const requests = [];
const recordingFetch = async (uri, options) => {
  const target = new URL(uri);
  const body = options.body ? JSON.parse(options.body) : null;
  const extensions = body ? body.extensions : target.searchParams.get("extensions") && JSON.parse(target.searchParams.get("extensions"));
  const response = await fetch(uri, options);
  requests.push({
    method: options.method ?? "GET",
    query: Boolean(body ? body.query : target.searchParams.get("query")),
    hash: Boolean(extensions?.persistedQuery?.sha256Hash),
    status: response.status,
  });
  return response;
};
const link = new PersistedQueryLink({
  sha256: (text) => createHash("sha256").update(text).digest("hex"),
  useGETForHashedQueries: true,
}).concat(new HttpLink({ uri: url, fetch: recordingFetch }));
const client = new ApolloClient({ link, cache: new InMemoryCache({ addTypename: false }) });

const results = [];
for (const { query, variables } of JSON.parse(operationsJson)) {
  const document = gql(query);
  const mutation = document.definitions.some((d) => d.kind === "OperationDefinition" && d.operation === "mutation");
  for (let i = 0; i < 2; i++) {
    try {
      const result = mutation
        ? await client.mutate({ mutation: document, variables, fetchPolicy: "no-cache" })
        : await client.query({ query: document, variables, fetchPolicy: "network-only" });
      results.push({ data: result.data ?? null, error: result.error ? String(result.error) : null });
    } catch (e) {
      results.push({ data: null, error: String(e) });
    }
  }
}
console.log(JSON.stringify({ results, requests }));
