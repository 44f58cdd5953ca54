// Sees Item as an @interfaceObject (knows neither Shoe nor Shirt): _entities receives
// representations with __typename "Item". priceWithTax @requires basePrice from catalog.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@interfaceObject", "@external", "@requires"])

type Query {
  cheapest: Item
}

type Item @key(fields: "id") @interfaceObject {
  id: ID!
  basePrice: Int! @external
  priceWithTax: Int! @requires(fields: "basePrice")
  currency: String!
}
`;

export const resolvers = {
  Query: {
    cheapest: () => ({ id: "i2" }),
  },
  Item: {
    __resolveReference: ref => ({ ...ref }),
    priceWithTax: i => {
      if (typeof i.basePrice !== "number") throw new Error("requirement basePrice missing");
      return Math.round(i.basePrice * 1.2);
    },
    currency: () => "EUR",
  },
};
