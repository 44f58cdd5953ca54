// Owns the entity interface Item and its implementations Shoe and Shirt.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

type Query {
  items: [Item!]!
}

interface Item @key(fields: "id") {
  id: ID!
  name: String!
  basePrice: Int!
}

type Shoe implements Item @key(fields: "id") {
  id: ID!
  name: String!
  basePrice: Int!
  size: Int!
}

type Shirt implements Item @key(fields: "id") {
  id: ID!
  name: String!
  basePrice: Int!
  color: String!
}
`;

const items = {
  i1: { __typename: "Shoe", id: "i1", name: "Runner", basePrice: 100, size: 42 },
  i2: { __typename: "Shirt", id: "i2", name: "Tee", basePrice: 20, color: "white" },
};

export const resolvers = {
  Query: {
    items: () => Object.values(items),
  },
  Item: {
    __resolveReference: ref => items[ref.id] ?? null,
    __resolveType: i => i.__typename,
  },
  Shoe: { __resolveReference: ref => items[ref.id] ?? null },
  Shirt: { __resolveReference: ref => items[ref.id] ?? null },
};
