// Shelf.items is shared with delta, but here an item carries its sku: the way to alpha.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

type Shelf @key(fields: "id") {
  id: ID!
  items: [Item!]! @shareable
}

type Item @key(fields: "sku", resolvable: false) {
  id: ID! @shareable
  sku: String!
}
`;

const shelves = { sh1: [{ id: "i1", sku: "s-1" }, { id: "i2", sku: "s-2" }] };

export const resolvers = {
  Shelf: {
    __resolveReference: ref => (shelves[ref.id] ? { id: ref.id } : null),
    items: s => shelves[s.id],
  },
};
