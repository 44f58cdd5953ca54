// The first subgraph (in name order) for the @shareable root fields movie and node: it reaches
// Movie.title only through @provides on Query.movie, knows Movie and Person only by key, and has
// no year, name or rating.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@provides", "@external"])

type Query {
  movie: Movie @shareable @provides(fields: "title")
  node(id: ID!): Node @shareable
  latest: Series @shareable
}

type Series @key(fields: "id") {
  id: ID! @external
  studio: String!
}

interface Node {
  id: ID!
}

type Movie implements Node @key(fields: "id") {
  id: ID!
  title: String! @external
}

type Person implements Node @key(fields: "id") {
  id: ID!
}
`;

export const resolvers = {
  Query: {
    movie: () => ({ id: "m1", title: "Arrival" }),
    latest: () => ({ id: "s1" }),
    node: (_, { id }) => (id === "m1" ? { __typename: "Movie", id } : id === "h1" ? { __typename: "Person", id } : null),
  },
  Series: {
    __resolveReference: ref => (ref.id === "s1" ? { id: "s1", studio: "North" } : null),
    studio: () => "North",
  },
  Node: {
    __resolveType: n => n.__typename,
  },
  Movie: {
    __resolveReference: ref => (ref.id === "m1" ? { id: "m1" } : null),
  },
  Person: {
    __resolveReference: ref => (ref.id === "h1" ? { id: "h1" } : null),
  },
};
