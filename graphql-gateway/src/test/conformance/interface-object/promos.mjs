// References Item through @key(resolvable: false) on an @interfaceObject: it can return an Item
// reference but cannot resolve Item fields itself.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@interfaceObject"])

type Query {
  promos: [Promo!]!
}

type Promo {
  code: String!
  item: Item!
}

type Item @key(fields: "id", resolvable: false) @interfaceObject {
  id: ID!
}
`;

export const resolvers = {
  Query: {
    promos: () => [{ code: "RUN10", item: { id: "i1" } }, { code: "TEE5", item: { id: "i2" } }],
  },
};
