// Items are known here by sku only.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

type Item @key(fields: "sku") {
  sku: String!
  title: String! @shareable
}
`;

const titles = { "s-1": "Lamp", "s-2": "Desk" };

export const resolvers = {
  Item: {
    __resolveReference: ref => (titles[ref.sku] ? { sku: ref.sku } : null),
    title: i => titles[i.sku],
  },
};
