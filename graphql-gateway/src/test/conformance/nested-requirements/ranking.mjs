// rank @requires(fields: "author { yearsOfExperience }"): the author reference comes from posts,
// yearsOfExperience from people, so this fetch must wait for both.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires"])

type Post @key(fields: "id") {
  id: ID!
  author: Author! @external
  rank: String! @requires(fields: "author { yearsOfExperience }")
}

type Author @key(fields: "id") {
  id: ID!
  yearsOfExperience: Int! @external
}
`;

export const resolvers = {
  Post: {
    __resolveReference: ref => ref,
    rank: p => {
      const years = p.author?.yearsOfExperience;
      if (typeof years !== "number") throw new Error(`requirement author { yearsOfExperience } missing: ${JSON.stringify(p)}`);
      return years >= 10 ? `senior (${years})` : `junior (${years})`;
    },
  },
};
