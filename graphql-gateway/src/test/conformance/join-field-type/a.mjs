// Library.featured returns the union Media = Book | Movie here (b's Media also has Song);
// Library.top returns the object type Book here (b: the interface Content).
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

type Query {
  library: Library!
}

type Library @key(fields: "id") {
  id: ID!
  name: String!
  featured: Media @shareable
  top: Book @shareable
}

union Media = Book | Movie

type Book @key(fields: "id") {
  id: ID!
  title: String! @shareable
  pages: Int!
}

type Movie @key(fields: "id") {
  id: ID!
  title: String! @shareable
}
`;

const books = { b1: { __typename: "Book", id: "b1", title: "Dune", pages: 412 } };
const movies = { m1: { __typename: "Movie", id: "m1", title: "Heat" } };

export const resolvers = {
  Query: {
    library: () => ({ id: "l1" }),
  },
  Library: {
    __resolveReference: ref => (ref.id === "l1" ? { id: "l1" } : null),
    name: () => "Central",
    featured: () => movies.m1,
    top: () => books.b1,
  },
  Media: {
    __resolveType: m => m.__typename,
  },
  Book: {
    __resolveReference: ref => books[ref.id] ?? null,
  },
  Movie: {
    __resolveReference: ref => movies[ref.id] ?? null,
  },
};
