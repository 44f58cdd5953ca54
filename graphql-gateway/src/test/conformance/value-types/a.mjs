// Value types (no @key): Location returned by a root field here and in b; Details with only
// color here (size lives in b); Spec with only name here.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

type Query {
  hq: Location!
  products: [Product!]!
  product(id: ID!): Product
}

type Location @shareable {
  lat: Float!
  lng: Float!
}

type Product @key(fields: "id") {
  id: ID!
  name: String!
  details: Details @shareable
  specs: [Spec!]! @shareable
}

type Details @shareable {
  color: String!
}

type Spec @shareable {
  name: String!
}
`;

const products = [
  { id: "p1", name: "Lamp", details: { color: "red" }, specs: [{ name: "watts" }, { name: "volts" }] },
  { id: "p2", name: "Desk", details: null, specs: [] },
];

export const resolvers = {
  Query: {
    hq: () => ({ lat: 52.5, lng: 13.4 }),
    products: () => products,
    product: (_, { id }) => products.find(p => p.id === id) ?? null,
  },
  Product: {
    __resolveReference: ref => products.find(p => p.id === ref.id) ?? null,
  },
};
