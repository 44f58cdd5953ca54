export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.8", import: ["@key"])

type Query {
  orderCount: Int!
}

type User @key(fields: "id") {
  id: ID!
  orders: Int!
}
`;

export const resolvers = {
  Query: { orderCount: () => 2 },
  User: { __resolveReference: ref => ({ id: ref.id }), orders: u => (u.id === "u1" ? 2 : 0) },
};
