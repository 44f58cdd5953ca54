// Resolves Variant by its nested key product { id } color; references Product by a
// @key(resolvable: false) (it cannot resolve Product itself) from its root field.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

type Query {
  cheapestVariant: Variant
}

type Variant @key(fields: "product { id } color") {
  product: Product!
  color: String!
  label: String!
  priceCents: Int!
}

type Product @key(fields: "id", resolvable: false) {
  id: ID!
}
`;

const variants = [
  { product: { id: "p1" }, color: "red", label: "Lamp (red)", priceCents: 1999 },
  { product: { id: "p1" }, color: "blue", label: "Lamp (blue)", priceCents: 2199 },
  { product: { id: "p2" }, color: "oak", label: "Desk (oak)", priceCents: 15900 },
];

export const resolvers = {
  Query: {
    cheapestVariant: () => variants[0],
  },
  Variant: {
    __resolveReference: ref => variants.find(v => v.product.id === ref.product.id && v.color === ref.color) ?? null,
  },
};
