// Adds Movie.rating by key only.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

type Movie @key(fields: "id") {
  id: ID!
  rating: Float!
}
`;

export const resolvers = {
  Movie: {
    __resolveReference: ref => (ref.id === "m1" ? { id: "m1", rating: 7.9 } : null),
  },
};
