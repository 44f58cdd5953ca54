export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires"])

type Basket @key(fields: "id") {
  id: ID!
  gross: Int!
  net: Int! @external
  subtotal: Int! @requires(fields: "net")
}
`;

const gross = { b1: 100, b2: 40 };

export const resolvers = {
  Basket: {
    __resolveReference: ref => ({ ...ref }),
    gross: b => gross[b.id],
    subtotal: b => {
      if (typeof b.net !== "number") throw new Error("requirement net missing");
      return b.net * 2;
    },
  },
};
