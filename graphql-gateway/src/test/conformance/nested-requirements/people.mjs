// Owns Author's name and yearsOfExperience.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

type Author @key(fields: "id") {
  id: ID!
  name: String!
  yearsOfExperience: Int!
}
`;

const authors = { a1: { name: "Ada", yearsOfExperience: 12 }, a2: { name: "Bo", yearsOfExperience: 2 } };

export const resolvers = {
  Author: {
    __resolveReference: ref => (authors[ref.id] ? { id: ref.id, ...authors[ref.id] } : null),
  },
};
