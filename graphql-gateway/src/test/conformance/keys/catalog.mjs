// Owns Product (two keys: id and sku) and Variant, whose key is nested: product { id } color.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

type Query {
  products: [Product!]!
  product(id: ID!): Product
}

type Product @key(fields: "id") @key(fields: "sku") {
  id: ID!
  sku: String!
  name: String!
  variants: [Variant!]!
}

type Variant @key(fields: "product { id } color") {
  product: Product!
  color: String!
}
`;

const products = [
  { id: "p1", sku: "s1", name: "Lamp", colors: ["red", "blue"] },
  { id: "p2", sku: "s2", name: "Desk", colors: ["oak"] },
  { id: "p3", sku: "s3", name: "Chair", colors: [] },
];

export const resolvers = {
  Query: {
    products: () => products,
    product: (_, { id }) => products.find(p => p.id === id) ?? null,
  },
  Product: {
    __resolveReference: ref => products.find(p => (ref.id !== undefined ? p.id === ref.id : p.sku === ref.sku)) ?? null,
    variants: p => p.colors.map(color => ({ product: { id: p.id }, color })),
  },
};
