// Knows Order only by the nested key products { id pid }; pid is not in orders, so the gateway
// must fetch it from catalog before it can build the representation.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

type Order @key(fields: "products { id pid }") {
  products: [Product!]!
  eta: String!
}

type Product @key(fields: "id", resolvable: false) {
  id: ID!
  pid: String! @shareable
}
`;

const days = { "W-100": 1, "W-200": 3, "W-300": 2 };

export const resolvers = {
  Order: {
    __resolveReference: ref => {
      const all = ref.products.map(p => {
        if (typeof p.pid !== "string") throw new Error(`key field pid missing for ${p.id}`);
        if (!(p.pid in days)) throw new Error(`unknown pid ${p.pid}`);
        return days[p.pid];
      });
      return { ...ref, eta: `${Math.max(...all)} days for ${ref.products.map(p => p.pid).join("+")}` };
    },
  },
};
