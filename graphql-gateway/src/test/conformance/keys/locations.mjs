// Resolves Shelf by its compound key.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

type Shelf @key(fields: "warehouse number") {
  warehouse: String!
  number: Int!
  aisle: String!
}
`;

const aisles = { "north/1": "A1", "south/4": "C4" };

export const resolvers = {
  Shelf: {
    __resolveReference: ref => {
      const aisle = aisles[`${ref.warehouse}/${ref.number}`];
      return aisle ? { ...ref, aisle } : null;
    },
  },
};
