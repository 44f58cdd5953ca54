// Knows Product by id first, and by code; only here do specs carry a weight. The gateway must
// re-fetch specs from here by the key alpha has (code), not by the first one declared (id).
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

type Product @key(fields: "id") @key(fields: "code") {
  id: ID!
  code: String! @shareable
  specs: [Spec!]! @shareable
}

type Spec {
  size: Int! @shareable
  weight: Int!
}
`;

const products = [{ id: "p1", code: "c1", specs: [{ size: 1, weight: 10 }, { size: 2, weight: 20 }] }];

export const resolvers = {
  Product: {
    __resolveReference: ref => products.find(p => (ref.id ? p.id === ref.id : p.code === ref.code)) ?? null,
  },
};
