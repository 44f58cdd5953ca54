// Owns Post and its author reference.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

type Query {
  posts: [Post!]!
  post(id: ID!): Post
}

type Post @key(fields: "id") {
  id: ID!
  title: String!
  author: Author!
}

type Author @key(fields: "id") {
  id: ID!
}
`;

const posts = [
  { id: "x1", title: "Federation", author: { id: "a1" } },
  { id: "x2", title: "Planning", author: { id: "a2" } },
];

export const resolvers = {
  Query: {
    posts: () => posts,
    post: (_, { id }) => posts.find(p => p.id === id) ?? null,
  },
  Post: {
    __resolveReference: ref => posts.find(p => p.id === ref.id) ?? null,
  },
};
