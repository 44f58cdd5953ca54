// The subgraph fields are migrating away from. Its values differ on purpose (stock -1, discount 0,
// featured p1) so the answers show which subgraph served a field.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])

type Query {
  products: [Product!]!
  product(id: ID!): Product
  featured: Product
}

type Product @key(fields: "id") {
  id: ID!
  name: String!
  stock: Int!
  price: Int!
  discount: Int!
  rating: Int!
}
`;

const products = [
  { id: "p1", name: "Lamp", stock: -1, price: 100, discount: 0, rating: 1 },
  { id: "p2", name: "Desk", stock: -1, price: 300, discount: 0, rating: 1 },
];

export const resolvers = {
  Query: {
    products: () => products,
    product: (_, { id }) => products.find(p => p.id === id) ?? null,
    featured: () => products[0],
  },
  Product: { __resolveReference: ref => products.find(p => p.id === ref.id) ?? null },
};
