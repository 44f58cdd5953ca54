/**
 * Stage 5: GraphQL over HTTP on Helidon SE WebServer: {@code /graphql} (POST and GET, JSON and
 * {@code application/graphql-response+json}), {@code /graphiql} from bundled assets,
 * {@code /health} and {@code /metrics}.
 */
package dev.storefront.gateway.http;
