// Products by code only; their specs are a value type (no key) shared with beta.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

type Query {
  product(code: String!): Product
}

type Product @key(fields: "code") {
  code: String! @shareable
  specs: [Spec!]! @shareable
}

type Spec {
  size: Int! @shareable
}
`;

const products = { c1: { code: "c1", specs: [{ size: 1 }, { size: 2 }] } };

export const resolvers = {
  Query: { product: (_, { code }) => products[code] ?? null },
  Product: { __resolveReference: ref => products[ref.code] ?? null },
};
