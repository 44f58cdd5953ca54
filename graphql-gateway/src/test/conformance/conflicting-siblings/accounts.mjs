// Here User.id is ID! and Admin.id is ID (and User.code String!, Admin.code String). In the
// supergraph both are nullable (b declares User.id/code nullable), so a client may select
// '... on User { id } ... on Admin { id }' — but the same selection sent to this subgraph is
// invalid (FieldsInSetCanMerge: ID! vs ID) unless the gateway aliases one side.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

type Query {
  principals: [Principal!]!
  members: [Member!]!
}

union Principal = User | Admin

interface Member {
  handle: String!
}

type User implements Member @key(fields: "handle") {
  handle: String!
  id: ID! @shareable
  code: String! @shareable
}

type Admin implements Member @key(fields: "handle") {
  handle: String!
  id: ID
  code: String
}
`;

const all = [
  { __typename: "User", handle: "ann", id: "u1", code: "U-1" },
  { __typename: "Admin", handle: "root", id: null, code: "A-0" },
  { __typename: "Admin", handle: "ops", id: "a2", code: null },
];

export const resolvers = {
  Query: {
    principals: () => all,
    members: () => all,
  },
  Principal: { __resolveType: p => p.__typename },
  Member: { __resolveType: p => p.__typename },
  User: { __resolveReference: ref => all.find(p => p.__typename === "User" && p.handle === ref.handle) ?? null },
  Admin: { __resolveReference: ref => all.find(p => p.__typename === "Admin" && p.handle === ref.handle) ?? null },
};
