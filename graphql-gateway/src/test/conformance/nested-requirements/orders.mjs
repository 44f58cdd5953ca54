// Owns Order; knows its products only by id.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

type Query {
  orders: [Order!]!
  order(id: ID!): Order
}

type Order @key(fields: "id") {
  id: ID!
  products: [Product!]! @shareable
}

type Product @key(fields: "id") {
  id: ID!
}
`;

const orders = [
  { id: "o1", products: [{ id: "p1" }, { id: "p2" }] },
  { id: "o2", products: [{ id: "p3" }] },
];

export const resolvers = {
  Query: {
    orders: () => orders,
    order: (_, { id }) => orders.find(o => o.id === id) ?? null,
  },
  Order: {
    __resolveReference: ref => orders.find(o => o.id === ref.id) ?? null,
  },
  Product: {
    __resolveReference: ref => ref,
  },
};
