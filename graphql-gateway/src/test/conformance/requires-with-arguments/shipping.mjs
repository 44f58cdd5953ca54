// Computes shipping fields from catalog's fields via @requires: with an argument, with a nested
// selection and with inline fragments on a union. Each resolver fails loudly when its requirement
// is missing or wrong so that a bad representation cannot pass unnoticed.
export const typeDefs = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires", "@shareable"])

type Product @key(fields: "id") {
  id: ID!
  price(currency: String!): Int! @external
  dimensions: Dimensions! @external
  packaging: Packaging! @external
  shippingEstimate: Int! @requires(fields: "price(currency: \\"USD\\")")
  footprint: Int! @requires(fields: "dimensions { width height }")
  handling: String! @requires(fields: "packaging { ... on Box { volume } ... on Envelope { size } }")
  origin: Origin! @external
  customs: String! @requires(fields: "origin { country ... on Factory { plant } ... on Workshop { artisan } }")
}

interface Origin {
  country: String!
}

type Factory implements Origin @shareable {
  country: String!
  plant: String!
}

type Workshop implements Origin @shareable {
  country: String!
  artisan: String!
}

type Dimensions @shareable {
  width: Int!
  height: Int!
}

union Packaging = Box | Envelope

type Box @shareable {
  volume: Int!
}

type Envelope @shareable {
  size: String!
}
`;

const usdPrices = { p1: 120, p2: 40 };

export const resolvers = {
  Product: {
    __resolveReference: ref => ref,
    shippingEstimate: p => {
      if (typeof p.price !== "number") throw new Error("requirement price(currency: USD) missing");
      if (p.price !== usdPrices[p.id]) throw new Error(`price ${p.price} is not the USD price of ${p.id}`);
      return Math.round(p.price / 10);
    },
    footprint: p => {
      if (!p.dimensions || typeof p.dimensions.width !== "number" || typeof p.dimensions.height !== "number") {
        throw new Error("requirement dimensions { width height } missing");
      }
      return p.dimensions.width * p.dimensions.height;
    },
    handling: p => {
      const k = p.packaging;
      if (!k) throw new Error("requirement packaging missing");
      if (typeof k.volume === "number") return `box of ${k.volume}`;
      if (typeof k.size === "string") return `envelope ${k.size}`;
      throw new Error(`packaging without its fragment fields: ${JSON.stringify(k)}`);
    },
    customs: p => {
      const o = p.origin;
      if (!o || typeof o.country !== "string") throw new Error(`requirement origin { country } missing: ${JSON.stringify(p)}`);
      if (typeof o.plant === "string") return `${o.country}: factory ${o.plant}`;
      if (typeof o.artisan === "string") return `${o.country}: workshop of ${o.artisan}`;
      throw new Error(`origin without its fragment fields: ${JSON.stringify(o)}`);
    },
  },
};
