// A @requires chain that goes back and forth between two subgraphs: alpha's total needs beta's
// subtotal, which needs alpha's net, which needs beta's gross. Four fetches in a row; alpha is
// called twice at the same path, each time with what the step before it produced.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires"])

type Query {
  baskets: [Basket!]!
}

type Basket @key(fields: "id") {
  id: ID!
  gross: Int! @external
  net: Int! @requires(fields: "gross")
  subtotal: Int! @external
  total: Int! @requires(fields: "subtotal")
}
`;

const need = (value, name) => {
  if (typeof value !== "number") throw new Error(`requirement ${name} missing`);
  return value;
};

export const resolvers = {
  Query: { baskets: () => [{ id: "b1" }, { id: "b2" }] },
  Basket: {
    __resolveReference: ref => ({ ...ref }),
    net: b => need(b.gross, "gross") - 10,
    total: b => need(b.subtotal, "subtotal") + 5,
  },
};
