// summary @requires a selection with a fragment on the @inaccessible type Secret.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires", "@inaccessible", "@shareable"])

type Product @key(fields: "id") {
  id: ID!
  attachment: Attachment @external
  summary: String! @requires(fields: "attachment { ... on Manual { title } ... on Secret { code } }")
}

union Attachment = Manual | Secret

type Manual @shareable {
  title: String!
}

type Secret @inaccessible @shareable {
  code: String!
}
`;

export const resolvers = {
  Product: {
    __resolveReference: ref => ref,
    summary: p => {
      const a = p.attachment;
      if (a === undefined) throw new Error("requirement attachment missing");
      if (a === null) return "none";
      if (typeof a.title === "string") return `manual ${a.title}`;
      if (typeof a.code === "string") return `secret of ${a.code.length} characters`;
      throw new Error(`attachment without its fragment fields: ${JSON.stringify(a)}`);
    },
  },
};
