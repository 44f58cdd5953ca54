// Owns Product: a price with an argument, nested dimensions and a union-typed packaging.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

type Query {
  products: [Product!]!
  product(id: ID!): Product
}

type Product @key(fields: "id") {
  id: ID!
  name: String!
  price(currency: String!): Int!
  dimensions: Dimensions!
  packaging: Packaging!
  origin: Origin!
}

interface Origin {
  country: String!
}

type Factory implements Origin @shareable {
  country: String!
  plant: String!
}

type Workshop implements Origin @shareable {
  country: String!
  artisan: String!
}

type Dimensions @shareable {
  width: Int!
  height: Int!
  depth: Int!
}

union Packaging = Box | Envelope

type Box @shareable {
  volume: Int!
}

type Envelope @shareable {
  size: String!
}
`;

const products = [
  { id: "p1", name: "Lamp", usd: 120, eur: 110, dimensions: { width: 2, height: 3, depth: 4 }, packaging: { __typename: "Box", volume: 24 }, origin: { __typename: "Factory", country: "DE", plant: "Essen" } },
  { id: "p2", name: "Poster", usd: 40, eur: 37, dimensions: { width: 5, height: 7, depth: 1 }, packaging: { __typename: "Envelope", size: "A3" }, origin: { __typename: "Workshop", country: "IT", artisan: "Lia" } },
];

export const resolvers = {
  Query: {
    products: () => products,
    product: (_, { id }) => products.find(p => p.id === id) ?? null,
  },
  Product: {
    __resolveReference: ref => products.find(p => p.id === ref.id) ?? null,
    price: (p, { currency }) => {
      if (currency === "USD") return p.usd;
      if (currency === "EUR") return p.eur;
      throw new Error(`unknown currency ${currency}`);
    },
  },
  Packaging: {
    __resolveType: p => p.__typename,
  },
  Origin: {
    __resolveType: o => o.__typename,
  },
};
