// Owns the entity interface Media (@key on the interface) and its implementations.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

type Query {
  media: [Media!]!
  mediaById(id: ID!): Media
}

interface Media @key(fields: "id") {
  id: ID!
  title: String!
}

type Book implements Media @key(fields: "id") {
  id: ID!
  title: String!
  pages: Int!
}

type Movie implements Media @key(fields: "id") {
  id: ID!
  title: String!
  minutes: Int!
}
`;

const media = {
  b1: { __typename: "Book", id: "b1", title: "Dune", pages: 412 },
  m1: { __typename: "Movie", id: "m1", title: "Heat", minutes: 170 },
};

export const resolvers = {
  Query: {
    media: () => Object.values(media),
    mediaById: (_, { id }) => media[id] ?? null,
  },
  Media: {
    __resolveReference: ref => media[ref.id] ?? null,
    __resolveType: m => m.__typename,
  },
  Book: { __resolveReference: ref => media[ref.id] ?? null },
  Movie: { __resolveReference: ref => media[ref.id] ?? null },
};
