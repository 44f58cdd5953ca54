// Adds views to every Media through @interfaceObject and has its own root field returning Media.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@interfaceObject"])

type Query {
  trending: [Media!]!
}

type Media @key(fields: "id") @interfaceObject {
  id: ID!
  views: Int!
}
`;

const views = { b1: 1500, m1: 98000 };

export const resolvers = {
  Query: {
    trending: () => [{ id: "m1" }, { id: "b1" }],
  },
  Media: {
    __resolveReference: ref => (ref.id in views ? { id: ref.id } : null),
    views: m => views[m.id],
  },
};
