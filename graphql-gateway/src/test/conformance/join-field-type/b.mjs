// The same @shareable fields with wider types: Media also has Song, top is the interface Content.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

type Query {
  songs: [Song!]!
}

type Library @key(fields: "id") {
  id: ID!
  featured: Media @shareable
  top: Content @shareable
  latest: Content
}

union Media = Book | Movie | Song

interface Content {
  id: ID!
  title: String!
}

type Book implements Content @key(fields: "id") {
  id: ID!
  title: String! @shareable
}

type Movie implements Content @key(fields: "id") {
  id: ID!
  title: String! @shareable
  minutes: Int!
}

type Song implements Content @key(fields: "id") {
  id: ID!
  title: String!
  seconds: Int!
}
`;

const items = {
  b1: { __typename: "Book", id: "b1", title: "Dune" },
  m1: { __typename: "Movie", id: "m1", title: "Heat", minutes: 170 },
  s1: { __typename: "Song", id: "s1", title: "Nocturne", seconds: 280 },
};

export const resolvers = {
  Query: {
    songs: () => [items.s1],
  },
  Library: {
    __resolveReference: ref => (ref.id === "l1" ? { id: "l1" } : null),
    featured: () => items.m1,
    top: () => items.b1,
    latest: () => items.s1,
  },
  Media: {
    __resolveType: m => m.__typename,
  },
  Content: {
    __resolveType: m => m.__typename,
  },
  Book: {
    __resolveReference: ref => (ref.id === "b1" ? items.b1 : null),
  },
  Movie: {
    __resolveReference: ref => (ref.id === "m1" ? items.m1 : null),
  },
  Song: {
    __resolveReference: ref => (ref.id === "s1" ? items.s1 : null),
  },
};
