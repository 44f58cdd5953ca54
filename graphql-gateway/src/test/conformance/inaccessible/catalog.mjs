// @inaccessible in the subgraph's answers: the enum value RETIRED and the object type Secret
// (a member of the unions Attachment and Result) are not in the API schema, yet this subgraph
// returns them.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@inaccessible", "@shareable"])

type Query {
  products: [Product!]!
  product(id: ID!): Product
  results: [Result]
  firstResult: Result!
}

enum Status {
  ACTIVE
  DRAFT
  RETIRED @inaccessible
}

type Product @key(fields: "id") {
  id: ID!
  name: String!
  status: Status
  statusStrict: Status!
  attachment: Attachment
}

union Attachment = Manual | Secret
union Result = Product | Secret

type Manual @shareable {
  title: String!
}

type Secret @inaccessible @shareable {
  code: String!
}
`;

const products = [
  { __typename: "Product", id: "p1", name: "Lamp", status: "ACTIVE", attachment: { __typename: "Manual", title: "Guide" } },
  { __typename: "Product", id: "p2", name: "Desk", status: "RETIRED", attachment: { __typename: "Secret", code: "s3cr3t" } },
];

export const resolvers = {
  Query: {
    products: () => products,
    product: (_, { id }) => products.find(p => p.id === id) ?? null,
    results: () => [products[0], { __typename: "Secret", code: "k" }],
    firstResult: () => ({ __typename: "Secret", code: "k" }),
  },
  Product: {
    __resolveReference: ref => products.find(p => p.id === ref.id) ?? null,
    statusStrict: p => p.status,
  },
  Attachment: { __resolveType: a => a.__typename },
  Result: { __resolveType: a => a.__typename },
};
