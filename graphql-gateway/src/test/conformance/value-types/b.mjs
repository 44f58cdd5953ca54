// The same value types with more fields: Details.size and Spec.value exist only here and are
// reachable only through the Product entity.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

type Query {
  branch: Location!
}

type Location @shareable {
  lat: Float!
  lng: Float!
}

type Product @key(fields: "id") {
  id: ID!
  details: Details @shareable
  specs: [Spec!]! @shareable
}

type Details @shareable {
  color: String!
  size: String!
}

type Spec @shareable {
  name: String!
  value: String!
}
`;

const products = {
  p1: { id: "p1", details: { color: "red", size: "M" }, specs: [{ name: "watts", value: "40" }, { name: "volts", value: "230" }] },
  p2: { id: "p2", details: null, specs: [] },
};

export const resolvers = {
  Query: {
    branch: () => ({ lat: 48.1, lng: 11.6 }),
  },
  Product: {
    __resolveReference: ref => products[ref.id] ?? null,
  },
};
