// Owns Product.weight and Product.name.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

type Query {
  products: [Product!]!
  product(id: ID!): Product
}

type Product @key(fields: "id") {
  id: ID!
  name: String!
  weight: Int!
}
`;

const products = [
  { id: "p1", name: "Lamp", weight: 3 },
  { id: "p2", name: "Anvil", weight: 50 },
];

export const resolvers = {
  Query: {
    products: () => products,
    product: (_, { id }) => products.find(p => p.id === id) ?? null,
  },
  Product: { __resolveReference: ref => products.find(p => p.id === ref.id) ?? null },
};
