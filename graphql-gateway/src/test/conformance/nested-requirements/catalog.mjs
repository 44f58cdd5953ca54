// Owns Product's pid (a warehouse part id) and name.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

type Product @key(fields: "id") {
  id: ID!
  pid: String! @shareable
  name: String!
}
`;

const products = { p1: { pid: "W-100", name: "Lamp" }, p2: { pid: "W-200", name: "Desk" }, p3: { pid: "W-300", name: "Chair" } };

export const resolvers = {
  Product: {
    __resolveReference: ref => (products[ref.id] ? { id: ref.id, ...products[ref.id] } : null),
  },
};
