// Adds fields to both union members and returns the union from its own root field.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

type Query {
  recommended: SearchResult
}

union SearchResult = Product | Article

type Product @key(fields: "id") {
  id: ID!
  price: Int!
}

type Article @key(fields: "id") {
  id: ID!
  wordCount: Int!
}
`;

const products = { p1: { id: "p1", price: 30 }, p2: { id: "p2", price: 250 } };
const articles = { a1: { id: "a1", wordCount: 900 } };

export const resolvers = {
  Query: { recommended: () => ({ __typename: "Article", ...articles.a1 }) },
  SearchResult: { __resolveType: r => r.__typename },
  Product: { __resolveReference: ref => products[ref.id] ?? null },
  Article: { __resolveReference: ref => articles[ref.id] ?? null },
};
