// The root field's subgraph: its items have no key any subgraph can resolve (id, resolvable: false),
// so their title can only be had by fetching Shelf.items again from beta.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

type Query {
  shelf(id: ID!): Shelf
}

type Shelf @key(fields: "id") {
  id: ID!
  label: String!
  items: [Item!]! @shareable
}

type Item @key(fields: "id", resolvable: false) {
  id: ID! @shareable
}
`;

const shelves = { sh1: { id: "sh1", label: "Front", items: [{ id: "i1" }, { id: "i2" }] } };

export const resolvers = {
  Query: { shelf: (_, { id }) => shelves[id] ?? null },
  Shelf: { __resolveReference: ref => shelves[ref.id] ?? null },
};
