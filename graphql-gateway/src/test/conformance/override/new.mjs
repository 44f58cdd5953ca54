// Takes over fields with @override: stock unconditionally, price behind a custom progressive
// override label (off unless the gateway enables it), discount behind percent(100) (always on),
// rating behind percent(0) (never on); the root field featured unconditionally.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@override"])

type Query {
  featured: Product @override(from: "old")
}

type Product @key(fields: "id") {
  id: ID!
  stock: Int! @override(from: "old")
  price: Int! @override(from: "old", label: "new-pricing")
  discount: Int! @override(from: "old", label: "percent(100)")
  rating: Int! @override(from: "old", label: "percent(0)")
}
`;

const products = {
  p1: { id: "p1", stock: 7, price: 90, discount: 10, rating: 4 },
  p2: { id: "p2", stock: 0, price: 280, discount: 20, rating: 5 },
};

export const resolvers = {
  Query: {
    featured: () => products.p2,
  },
  Product: { __resolveReference: ref => products[ref.id] ?? null },
};
