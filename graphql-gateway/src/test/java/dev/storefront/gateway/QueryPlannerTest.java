package dev.storefront.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Planner and end-to-end behaviour on the shop fixture: each test asserts the plan (what is
 * fetched where) and the final response from real subgraphs.
 */
class QueryPlannerTest {
    private static ShopGateway shop;

    @BeforeAll
    static void start() throws Exception {
        shop = new ShopGateway();
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    @BeforeEach
    void reset() {
        shop.subgraphs.reset();
    }

    @Test
    void rootFieldsAreGroupedPerSubgraphAndRunInParallel() {
        String q = "{ a: product(id: \"p2\") { name } b: product(id: \"p3\") { name } me { name } }";
        assertEquals("""
                QueryPlan {
                  Parallel {
                    Fetch(service: "catalog") {
                      query {a: product(id: "p2") {__typename name} b: product(id: "p3") {__typename name}}
                    },
                    Fetch(service: "accounts") {
                      query {me {__typename name}}
                    },
                  },
                }""", shop.plan(q));
        assertEquals("{\"data\":{\"a\":{\"name\":\"Product 2\"},\"b\":{\"name\":\"Product 3\"},\"me\":{\"name\":\"Ada\"}}}", shop.run(q));
        assertEquals(1, shop.subgraphs.catalog.requests());
        assertEquals(1, shop.subgraphs.accounts.requests());
    }

    @Test
    void entityJumpsSeveralHopsDeepWithVariables() {
        String q = "query($id: ID!) { account(id: $id) { name reviews { body product { name } } } }";
        assertEquals("""
                QueryPlan {
                  Sequence {
                    Fetch(service: "accounts") {
                      query($id: ID!) {account(id: $id) {__typename name id}}
                    },
                    Flatten(path: "account") {
                      Fetch(service: "reviews") {
                        {... on Account {__typename id}} =>
                        query($representations: [_Any!]!) {_entities(representations: $representations) {... on Account {reviews {__typename body product {__typename id}}}}}
                      },
                    },
                    Flatten(path: "account.reviews.@.product") {
                      Fetch(service: "catalog") {
                        {... on Product {__typename id}} =>
                        query($representations: [_Any!]!) {_entities(representations: $representations) {... on Product {name}}}
                      },
                    },
                  },
                }""", shop.plan(q, Map.of("id", "a1")));
        assertEquals("{\"data\":{\"account\":{\"name\":\"Ada\",\"reviews\":[{\"body\":\"Review 1\",\"product\":{\"name\":\"Product 1\"}},"
                + "{\"body\":\"Review 4\",\"product\":{\"name\":\"Product 4\"}},{\"body\":\"Review 7\",\"product\":{\"name\":\"Product 3\"}}]}}}",
                shop.run(q, Map.of("id", "a1")));
    }

    @Test
    void independentBranchesRunInParallelEachAsDeepAsItNeeds() {
        // the reviews and account.reviews product fetches wait for accounts only, not for catalog's products
        String q = "{ account(id: \"a1\") { name reviews { body product { name } } } products(first: 2) { name } }";
        assertEquals("""
                QueryPlan {
                  Parallel {
                    Sequence {
                      Fetch(service: "accounts") {
                        query {account(id: "a1") {__typename name id}}
                      },
                      Flatten(path: "account") {
                        Fetch(service: "reviews") {
                          {... on Account {__typename id}} =>
                          query($representations: [_Any!]!) {_entities(representations: $representations) {... on Account {reviews {__typename body product {__typename id}}}}}
                        },
                      },
                      Flatten(path: "account.reviews.@.product") {
                        Fetch(service: "catalog") {
                          {... on Product {__typename id}} =>
                          query($representations: [_Any!]!) {_entities(representations: $representations) {... on Product {name}}}
                        },
                      },
                    },
                    Fetch(service: "catalog") {
                      query {products(first: 2) {__typename name}}
                    },
                  },
                }""", shop.plan(q));
        assertEquals("{\"data\":{\"account\":{\"name\":\"Ada\",\"reviews\":[{\"body\":\"Review 1\",\"product\":{\"name\":\"Product 1\"}},"
                + "{\"body\":\"Review 4\",\"product\":{\"name\":\"Product 4\"}},{\"body\":\"Review 7\",\"product\":{\"name\":\"Product 3\"}}]},"
                + "\"products\":[{\"name\":\"Product 1\"},{\"name\":\"Product 2\"}]}}", shop.run(q));
    }

    @Test
    void requiresFetchesRequiredFieldsFirstAndChainsAcrossSubgraphs() {
        // deliveryNote (reviews) requires shippingEstimate (inventory), which requires weight and price (catalog)
        String q = "{ product(id: \"p1\") { name deliveryNote } }";
        String plan = shop.plan(q);
        assertTrue(plan.contains("{... on Product {__typename sku weight price {amount}}} =>"), plan);
        assertTrue(plan.contains("{... on Product {__typename id shippingEstimate}} =>"), plan);
        assertTrue(plan.indexOf("\"inventory\"") < plan.indexOf("\"reviews\""), plan);
        assertEquals("{\"data\":{\"product\":{\"name\":\"Product 1\",\"deliveryNote\":\"ships in 1 days\"}}}", shop.run(q));
        Map<String, Object> reviewsCall = shop.subgraphs.reviews.received().getFirst();
        assertEquals("{representations=[{__typename=Product, id=p1, shippingEstimate=1}]}", reviewsCall.get("variables").toString());
    }

    @Test
    void aKeyFieldIsNotAskedOfTheSubgraphThatNeedsItAsKey() {
        // inventory knows Product by sku only; reviews' Product has only id: catalog turns id into sku first
        String q = "{ latestReviews(limit: 2) { product { stock } } }";
        assertEquals("""
                QueryPlan {
                  Sequence {
                    Fetch(service: "reviews") {
                      query {latestReviews(limit: 2) {__typename product {__typename id}}}
                    },
                    Flatten(path: "latestReviews.@.product") {
                      Fetch(service: "catalog") {
                        {... on Product {__typename id}} =>
                        query($representations: [_Any!]!) {_entities(representations: $representations) {... on Product {sku}}}
                      },
                    },
                    Flatten(path: "latestReviews.@.product") {
                      Fetch(service: "inventory") {
                        {... on Product {__typename sku}} =>
                        query($representations: [_Any!]!) {_entities(representations: $representations) {... on Product {stock}}}
                      },
                    },
                  },
                }""", shop.plan(q));
        assertEquals("{\"data\":{\"latestReviews\":[{\"product\":{\"stock\":3}},{\"product\":{\"stock\":6}}]}}", shop.run(q));
    }

    @Test
    void requiresAndPlainFieldsToTheSameSubgraphShareOneFetch() {
        String q = "{ product(id: \"p20\") { stock shippingEstimate } }";
        String plan = shop.plan(q);
        assertEquals(1, plan.split("service: \"inventory\"").length - 1, plan);
        assertEquals("{\"data\":{\"product\":{\"stock\":9,\"shippingEstimate\":22}}}", shop.run(q));
    }

    @Test
    void providesLetsTheProvidingSubgraphAnswerAnExternalField() {
        String q = "{ latestReviews(limit: 3) { author { name } } }";
        assertEquals("""
                QueryPlan {
                  Fetch(service: "reviews") {
                    query {latestReviews(limit: 3) {__typename author {__typename name}}}
                  },
                }""", shop.plan(q));
        assertEquals("{\"data\":{\"latestReviews\":[{\"author\":{\"name\":\"Ada\"}},{\"author\":{\"name\":\"Brian\"}},{\"author\":{\"name\":\"Chen\"}}]}}",
                shop.run(q));
        assertEquals(0, shop.subgraphs.accounts.requests());
    }

    @Test
    void externalFieldWithoutProvidesGoesToItsOwner() {
        String q = "{ account(id: \"a2\") { reviews { author { name tier } } } }";
        String plan = shop.plan(q);
        // name is provided by reviews under Review.author, tier is only in accounts
        assertTrue(plan.contains("author {__typename name id}"), plan);
        assertTrue(plan.contains("{_entities(representations: $representations) {... on Account {tier}}}"), plan);
        assertEquals("{\"data\":{\"account\":{\"reviews\":[{\"author\":{\"name\":\"Brian\",\"tier\":\"FREE\"}},"
                + "{\"author\":{\"name\":\"Brian\",\"tier\":\"FREE\"}},{\"author\":{\"name\":\"Brian\",\"tier\":\"FREE\"}}]}}}", shop.run(q));
    }

    @Test
    void shareableFieldStaysInTheSubgraphAlreadyCalled() {
        // Address is @shareable in accounts and reviews: from reviews' Account it is not fetched from accounts
        String q = "{ latestReviews(limit: 1) { author { address { city } } } }";
        String plan = shop.plan(q);
        assertTrue(plan.contains("service: \"reviews\""), plan);
        assertFalse(plan.contains("service: \"accounts\""), plan);
        assertEquals("{\"data\":{\"latestReviews\":[{\"author\":{\"address\":{\"city\":\"Oslo\"}}}]}}", shop.run(q));
        String fromAccounts = "{ me { address { city } } }";
        assertFalse(shop.plan(fromAccounts).contains("reviews"), shop.plan(fromAccounts));
    }

    @Test
    void overrideMovesAFieldAndProgressiveOverrideFollowsTheLabel() throws Exception {
        String inStock = "{ product(id: \"p2\") { inStock } }";
        assertFalse(shop.plan(inStock).contains("inventory"), shop.plan(inStock));
        assertEquals("{\"data\":{\"product\":{\"inStock\":true}}}", shop.run(inStock));

        String rank = "{ product(id: \"p2\") { rank } }";
        assertFalse(shop.plan(rank).contains("reviews"), "label off: catalog keeps rank");
        assertEquals("{\"data\":{\"product\":{\"rank\":2}}}", shop.run(rank));
        try (ShopGateway labelled = new ShopGateway(Set.of("rank-from-reviews"))) {
            assertTrue(labelled.plan(rank).contains("{... on Product {rank}}"), labelled.plan(rank));
            assertEquals("{\"data\":{\"product\":{\"rank\":2000}}}", labelled.run(rank));
        }
    }

    @Test
    void unionTypeConditionsAreNarrowedPerSubgraph() {
        String q = "{ search(text: \"ab\") { __typename ... on Product { name stock } ... on Category { name } } }";
        assertEquals("""
                QueryPlan {
                  Sequence {
                    Fetch(service: "catalog") {
                      query {search(text: "ab") {__typename ... on Product {name sku} ... on Category {name}}}
                    },
                    Flatten(path: "search.@") {
                      Fetch(service: "inventory") {
                        {... on Product {__typename sku}} =>
                        query($representations: [_Any!]!) {_entities(representations: $representations) {... on Product {stock}}}
                      },
                    },
                  },
                }""", shop.plan(q));
        assertEquals("{\"data\":{\"search\":[{\"__typename\":\"Category\",\"name\":\"Category ab\"},"
                + "{\"__typename\":\"Product\",\"name\":\"Product 3\",\"stock\":9},{\"__typename\":\"Product\",\"name\":\"Product 4\",\"stock\":12},"
                + "{\"__typename\":\"Product\",\"name\":\"Product 5\",\"stock\":15}]}}", shop.run(q));
    }

    @Test
    void entityInterfaceFieldsFromAnInterfaceObject() {
        String q = "{ media { __typename id title reviewScore ... on Book { pages } } }";
        String plan = shop.plan(q);
        assertTrue(plan.contains("{... on Media {__typename id}} =>"), plan);
        assertTrue(plan.contains("{... on Media {reviewScore}}"), plan);
        assertEquals("{\"data\":{\"media\":[{\"__typename\":\"Book\",\"id\":\"m1\",\"title\":\"Dune\",\"reviewScore\":4.0,\"pages\":412},"
                + "{\"__typename\":\"Movie\",\"id\":\"m2\",\"title\":\"Alien\",\"reviewScore\":4.5},"
                + "{\"__typename\":\"Book\",\"id\":\"m3\",\"title\":\"Emma\",\"reviewScore\":5.0,\"pages\":474}]}}", shop.run(q));
        // representations carry the interface name, as @interfaceObject subgraphs expect
        assertTrue(shop.subgraphs.reviews.received().getFirst().get("variables").toString().contains("__typename=Media"));
    }

    @Test
    void interfaceObjectRootFieldResolvesConcreteTypesFromTheInterfaceOwner() {
        String q = "{ topMedia { __typename id reviewScore title ... on Movie { minutes } } }";
        String plan = shop.plan(q);
        assertTrue(plan.contains("query {topMedia {__typename id reviewScore}}"), plan);
        assertTrue(plan.contains("{... on Media {__typename} ... on Book {title} ... on Movie {title minutes}}"), plan);
        assertEquals("{\"data\":{\"topMedia\":[{\"__typename\":\"Movie\",\"id\":\"m2\",\"reviewScore\":4.5,\"title\":\"Alien\",\"minutes\":117},"
                + "{\"__typename\":\"Book\",\"id\":\"m1\",\"reviewScore\":4.0,\"title\":\"Dune\"}]}}", shop.run(q));
    }

    @Test
    void interfaceObjectFieldsAloneNeedNoTypeResolution() {
        String q = "{ topMedia { id reviewScore } }";
        assertFalse(shop.plan(q).contains("catalog"), shop.plan(q));
        assertEquals("{\"data\":{\"topMedia\":[{\"id\":\"m2\",\"reviewScore\":4.5},{\"id\":\"m1\",\"reviewScore\":4.0}]}}", shop.run(q));
    }

    @Test
    void aliasesOfTheSameFieldWithDifferentArguments() {
        String q = "{ product(id: \"p1\") { x: reviewCount(minRating: 3) y: reviewCount } p: product(id: \"p2\") { x: reviewCount(minRating: 1) } }";
        String plan = shop.plan(q);
        assertTrue(plan.contains("x: reviewCount(minRating: 3) y: reviewCount"), plan);
        assertEquals("{\"data\":{\"product\":{\"x\":0,\"y\":1},\"p\":{\"x\":2}}}", shop.run(q));
    }

    @Test
    void clientAliasesThatCollideWithKeyFieldsAreFetchedUnderInternalAliases() {
        String q = "{ product(id: \"p1\") { id: name sku: stock } }";
        assertTrue(shop.plan(q).contains("query {product(id: \"p1\") {__typename id: name __gw_sku: sku}}"), shop.plan(q));
        assertEquals("{\"data\":{\"product\":{\"id\":\"Product 1\",\"sku\":3}}}", shop.run(q));
    }

    @Test
    void fragmentsNamedAndInlineAndTypename() {
        String q = "query Q { product(id: \"p3\") { ...P ... on Product { price { ...M } } __typename } }"
                + " fragment P on Product { name stock } fragment M on Money { amount currency }";
        assertEquals("{\"data\":{\"product\":{\"name\":\"Product 3\",\"stock\":9,\"price\":{\"amount\":300,\"currency\":\"USD\"},"
                + "\"__typename\":\"Product\"}}}", shop.run(q));
        assertTrue(shop.plan(q).contains("query Q__catalog__0 {product"), shop.plan(q));
    }

    @Test
    void skipAndIncludeAreAppliedAndPartOfThePlanKey() {
        String q = "query($skip: Boolean!) { me { name tier @skip(if: $skip) ... on Account @include(if: $skip) { id } } }";
        assertEquals("{\"data\":{\"me\":{\"name\":\"Ada\",\"id\":\"a1\"}}}", shop.run(q, Map.of("skip", true)));
        assertEquals("{\"data\":{\"me\":{\"name\":\"Ada\",\"tier\":\"GOLD\"}}}", shop.run(q, Map.of("skip", false)));
        long misses = shop.gateway.planCache().misses();
        shop.run(q, Map.of("skip", false));
        assertEquals(misses, shop.gateway.planCache().misses());
        assertTrue(shop.gateway.planCache().hits() > 0);
    }

    @Test
    void onlyUsedVariablesAreForwarded() {
        String q = "query($id: ID!, $limit: Int) { account(id: $id) { name } latestReviews(limit: $limit) { id } }";
        shop.run(q, Map.of("id", "a2", "limit", 1));
        assertEquals("{id=a2}", shop.subgraphs.accounts.received().getFirst().get("variables").toString());
        assertEquals("{limit=1}", shop.subgraphs.reviews.received().getFirst().get("variables").toString());
    }

    @Test
    void mutationsRunSeriallyInOrder() {
        String q = "mutation { renameAccount(id: \"a2\", name: \"Bea\") { name reviews { id } } "
                + "addReview(productId: \"p1\", body: \"ok\", rating: 5) { id product { name } } "
                + "again: renameAccount(id: \"a2\", name: \"Brian\") { name } }";
        // one Sequence: each mutation and the entity fetches of its result finish before the next mutation
        assertEquals("""
                QueryPlan {
                  Sequence {
                    Fetch(service: "accounts") {
                      mutation {renameAccount(id: "a2", name: "Bea") {__typename name id}}
                    },
                    Flatten(path: "renameAccount") {
                      Fetch(service: "reviews") {
                        {... on Account {__typename id}} =>
                        query($representations: [_Any!]!) {_entities(representations: $representations) {... on Account {reviews {__typename id}}}}
                      },
                    },
                    Fetch(service: "reviews") {
                      mutation {addReview(productId: "p1", body: "ok", rating: 5) {__typename id product {__typename id}}}
                    },
                    Flatten(path: "addReview.product") {
                      Fetch(service: "catalog") {
                        {... on Product {__typename id}} =>
                        query($representations: [_Any!]!) {_entities(representations: $representations) {... on Product {name}}}
                      },
                    },
                    Fetch(service: "accounts") {
                      mutation {again: renameAccount(id: "a2", name: "Brian") {__typename name}}
                    },
                  },
                }""", shop.plan(q));
        assertEquals("{\"data\":{\"renameAccount\":{\"name\":\"Bea\",\"reviews\":[{\"id\":\"r2\"},{\"id\":\"r5\"},{\"id\":\"r8\"}]},"
                + "\"addReview\":{\"id\":\"r-new\",\"product\":{\"name\":\"Product 1\"}},\"again\":{\"name\":\"Brian\"}}}", shop.run(q));
    }

    @Test
    void nullsInEntityListsAndNullPropagation() {
        // r5 points at a product catalog does not know: its non-null name nulls the nullable product
        String q = "{ latestReviews(limit: 6) { id product { name } } }";
        assertEquals("{\"errors\":[{\"message\":\"Cannot return null for non-nullable field Product.name.\",\"path\":[\"latestReviews\",4,\"product\",\"name\"]}],"
                + "\"data\":{\"latestReviews\":[{\"id\":\"r1\",\"product\":{\"name\":\"Product 1\"}},{\"id\":\"r2\",\"product\":{\"name\":\"Product 2\"}},"
                + "{\"id\":\"r3\",\"product\":{\"name\":\"Product 3\"}},{\"id\":\"r4\",\"product\":{\"name\":\"Product 4\"}},"
                + "{\"id\":\"r5\",\"product\":null},{\"id\":\"r6\",\"product\":{\"name\":\"Product 2\"}}]}}", shop.run(q));
        // nullable list elements ([Product]) absorb the null
        String related = "{ product(id: \"p3\") { related { id } } }";
        assertEquals("{\"data\":{\"product\":{\"related\":[{\"id\":\"p4\"},null,{\"id\":\"p5\"}]}}}", shop.run(related));
    }

    @Test
    void subgraphErrorsAreRepathedToTheClientPath() {
        String q = "{ products(first: 4) { id reviewCount } }";
        // Product.reviewCount is Int! and products is [Product!]!: the error bubbles to data
        assertEquals("{\"errors\":[{\"message\":\"Exception while fetching data (/_entities[3]/reviewCount) : review count of p4 is unavailable\","
                + "\"path\":[\"products\",3,\"reviewCount\"],\"extensions\":{\"classification\":\"DataFetchingException\","
                + "\"code\":\"DOWNSTREAM_SERVICE_ERROR\",\"serviceName\":\"reviews\"}}],\"data\":null}", shop.run(q));
        String nullable = "{ accounts { id nickname } }";
        assertTrue(shop.run(nullable).contains("\"path\":[\"accounts\",2,\"nickname\"]"));
        assertTrue(shop.run(nullable).contains("{\"id\":\"a3\",\"nickname\":null}"));
    }

    @Test
    void introspectionIsAnsweredByTheGatewayWithTheApiSchema() {
        String q = "{ __type(name: \"Account\") { fields { name } } tiers: __type(name: \"Tier\") { enumValues { name } } me { __typename } }";
        String result = shop.run(q);
        assertTrue(result.contains("{\"name\":\"nickname\"}"), result);
        assertFalse(result.contains("passwordHash"), "@inaccessible fields are not in the API schema");
        assertTrue(result.contains("\"enumValues\":[{\"name\":\"FREE\"},{\"name\":\"GOLD\"}]"), result);
        assertTrue(result.endsWith("\"me\":{\"__typename\":\"Account\"}}}"), result);
        assertTrue(shop.run("{ __schema { types { name } } }").contains("\"SearchResult\""));
        assertFalse(shop.run("{ __schema { types { name } } }").contains("join__"));
    }

    @Test
    void badInputBecomesGraphqlErrors() {
        assertTrue(shop.run("{ me { name ").contains("\"locations\""));
        assertTrue(shop.run("{ me { passwordHash } }").contains("GRAPHQL_VALIDATION_FAILED"));
        assertTrue(shop.run("query($id: ID!) { account(id: $id) { name } }").contains("\"message\""));
        assertFalse(shop.run("query($id: ID!) { account(id: $id) { name } }").contains("\"data\""));
    }
}
