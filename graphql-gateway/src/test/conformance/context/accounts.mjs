// @context/@fromContext: Greeting.text takes its locale from the enclosing User, not from the client.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.8", import: ["@key", "@context", "@fromContext"])

type Query {
  user(id: ID!): User
}

type User @key(fields: "id") @context(name: "userContext") {
  id: ID!
  locale: String!
  greeting: Greeting!
}

type Greeting @key(fields: "id") {
  id: ID!
  text(locale: String @fromContext(field: "$userContext { locale }")): String!
}
`;

const users = { u1: { id: "u1", locale: "de" }, u2: { id: "u2", locale: "en" } };

export const resolvers = {
  Query: { user: (_, { id }) => users[id] ?? null },
  User: {
    __resolveReference: ref => users[ref.id] ?? null,
    greeting: u => ({ id: "g-" + u.id }),
  },
  Greeting: {
    __resolveReference: ref => ({ id: ref.id }),
    text: (_, { locale }) => {
      if (!locale) throw new Error("locale missing: the gateway did not send the @fromContext argument");
      return locale === "de" ? "Hallo" : "Hello";
    },
  },
};
