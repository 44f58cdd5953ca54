// Knows Product only by its second key, sku; Shelf has a compound key (warehouse number).
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

type Product @key(fields: "sku") {
  sku: String!
  stock: Int!
  shelf: Shelf
}

type Shelf @key(fields: "warehouse number") {
  warehouse: String!
  number: Int!
}
`;

const stock = { s1: 5, s2: 0, s3: 12 };
const shelves = { s1: { warehouse: "north", number: 1 }, s2: { warehouse: "south", number: 4 }, s3: null };

export const resolvers = {
  Product: {
    __resolveReference: ref => (ref.sku in stock ? { sku: ref.sku } : null),
    stock: p => stock[p.sku],
    shelf: p => shelves[p.sku],
  },
};
