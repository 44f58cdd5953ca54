// Owns the union SearchResult of the entities Product and Article.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

type Query {
  search: [SearchResult!]!
}

union SearchResult = Product | Article

type Product @key(fields: "id") {
  id: ID!
  name: String!
}

type Article @key(fields: "id") {
  id: ID!
  headline: String!
}
`;

const results = [
  { __typename: "Product", id: "p1", name: "Lamp" },
  { __typename: "Article", id: "a1", headline: "Lighting 101" },
  { __typename: "Product", id: "p2", name: "Desk" },
];

export const resolvers = {
  Query: { search: () => results },
  SearchResult: { __resolveType: r => r.__typename },
  Product: { __resolveReference: ref => results.find(r => r.__typename === "Product" && r.id === ref.id) ?? null },
  Article: { __resolveReference: ref => results.find(r => r.__typename === "Article" && r.id === ref.id) ?? null },
};
