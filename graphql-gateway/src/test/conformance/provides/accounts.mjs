// Owns User. u9 was deleted here: only reviews still knows its username (through @provides).
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

type User @key(fields: "id") {
  id: ID!
  username: String! @shareable
  email: String!
  address: Address @shareable
}

type Address @shareable {
  city: String!
  zip: String!
}
`;

const users = {
  u1: { id: "u1", username: "ann", email: "ann@example.com", address: { city: "Oslo", zip: "0150" } },
  u2: { id: "u2", username: "bob", email: "bob@example.com", address: null },
};

export const resolvers = {
  User: { __resolveReference: ref => users[ref.id] ?? null },
};
