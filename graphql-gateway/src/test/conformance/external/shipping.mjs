// Declares Product.weight @external (it cannot resolve it) and uses it in @requires. Its own
// root field returns Products whose weight must still come from products. The resolver data here
// deliberately carries no weight, so a gateway that asks shipping for weight gets nothing useful.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires"])

type Query {
  heaviest: Product
}

type Product @key(fields: "id") {
  id: ID!
  weight: Int! @external
  shippingCost: Int! @requires(fields: "weight")
  carrier: String!
}
`;

export const resolvers = {
  Query: {
    heaviest: () => ({ id: "p2" }),
  },
  Product: {
    __resolveReference: ref => ref,
    shippingCost: p => {
      if (typeof p.weight !== "number") throw new Error("requirement weight missing");
      return p.weight * 2 + 5;
    },
    carrier: p => (p.id === "p2" ? "freight" : "post"),
  },
};
