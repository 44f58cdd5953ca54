// Declares User.id and User.code nullable (shareable), which makes them nullable in the supergraph.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

type User @key(fields: "handle") {
  handle: String!
  id: ID @shareable
  code: String @shareable
  level: Int!
}
`;

const users = { ann: { handle: "ann", id: "u1", code: "U-1", level: 3 } };

export const resolvers = {
  User: { __resolveReference: ref => users[ref.handle] ?? null },
};
