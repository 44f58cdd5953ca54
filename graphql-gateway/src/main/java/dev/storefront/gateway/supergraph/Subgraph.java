package dev.storefront.gateway.supergraph;

/**
 * One subgraph as named in the supergraph's {@code join__Graph} enum.
 *
 * @param name the subgraph name ({@code @join__graph(name:)})
 * @param enumValue the {@code join__Graph} enum value that join directives refer to
 * @param url where the subgraph is served ({@code @join__graph(url:)}, possibly overridden by config)
 */
public record Subgraph(String name, String enumValue, String url) {
    public Subgraph withUrl(String newUrl) {
        return new Subgraph(name, enumValue, newUrl);
    }
}
