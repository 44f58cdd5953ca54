// The same @shareable root fields, with the full Movie and Person.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

type Query {
  movie: Movie @shareable
  node(id: ID!): Node @shareable
  latest: Series @shareable
}

type Series @key(fields: "id") {
  id: ID!
  title: String!
}

interface Node {
  id: ID!
}

type Movie implements Node @key(fields: "id") {
  id: ID!
  title: String! @shareable
  year: Int!
  director: Person!
}

type Person implements Node @key(fields: "id") {
  id: ID!
  name: String!
}
`;

const movies = { m1: { __typename: "Movie", id: "m1", title: "Arrival", year: 2016, director: { id: "h1" } } };
const people = { h1: { __typename: "Person", id: "h1", name: "Denis" } };

export const resolvers = {
  Query: {
    movie: () => movies.m1,
    latest: () => ({ id: "s1", title: "Dark" }),
    node: (_, { id }) => movies[id] ?? people[id] ?? null,
  },
  Series: {
    __resolveReference: ref => (ref.id === "s1" ? { id: "s1", title: "Dark" } : null),
  },
  Node: {
    __resolveType: n => n.__typename,
  },
  Movie: {
    __resolveReference: ref => movies[ref.id] ?? null,
    director: m => people[m.director.id],
  },
  Person: {
    __resolveReference: ref => people[ref.id] ?? null,
  },
};
