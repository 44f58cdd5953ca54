package dev.storefront.gateway;

import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void smoke() throws Exception {
        try (ShopGateway shop = new ShopGateway()) {
            for (String q : new String[]{
                    "{ me { id name tier } }",
                    "{ product(id: \"p1\") { name price { amount currency } stock shippingEstimate deliveryNote reviews { body author { name tier } } } }",
                    "{ search(text: \"ab\") { __typename ... on Product { name stock } ... on Category { name } } }",
                    "{ media { __typename id title reviewScore ... on Book { pages } } }",
                    "{ topMedia { id reviewScore title ... on Movie { minutes } } }",
                    "{ latestReviews(limit: 6) { id product { name rank inStock } } }",
            }) {
                System.out.println(shop.plan(q));
                System.out.println(shop.run(q));
            }
        }
    }
}
