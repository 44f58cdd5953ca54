// Review.author @provides(fields: "username address { city }"); Review.editor provides nothing.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@provides", "@external"])

type Query {
  reviews: [Review!]!
}

type Review {
  id: ID!
  body: String!
  author: User! @provides(fields: "username address { city }")
  editor: User
}

type User @key(fields: "id") {
  id: ID!
  username: String! @external
  address: Address @external
  reviewCount: Int!
}

type Address @shareable {
  city: String!
}
`;

const authors = {
  u1: { id: "u1", username: "ann", address: { city: "Oslo" } },
  u2: { id: "u2", username: "bob", address: null },
  u9: { id: "u9", username: "ghost", address: { city: "Nowhere" } },
};
const reviews = [
  { id: "r1", body: "Great", author: authors.u1, editor: { id: "u2" } },
  { id: "r2", body: "Meh", author: authors.u2, editor: null },
  { id: "r3", body: "Old", author: authors.u9, editor: { id: "u1" } },
];

export const resolvers = {
  Query: {
    reviews: () => reviews,
  },
  User: {
    __resolveReference: ref => ({ id: ref.id }),
    reviewCount: u => reviews.filter(r => r.author.id === u.id).length,
  },
};
