package dev.storefront.subgraph.types;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Keyset pagination over a stable sort key: validates {@code first}/{@code after}, and turns the
 * rows of a query that fetched one extra row into edges and {@link PageInfo}. Cursors are opaque
 * (base64 of a prefixed key) so clients cannot depend on their shape.
 *
 * @param first   page size
 * @param afterKey sort key after which the page starts, or {@code null} for the first page
 */
public record Page(int first, String afterKey) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    private static final String PREFIX = "cursor:";

    /**
     * Validate connection arguments.
     *
     * @param first requested size, {@code null} for the default
     * @param after cursor from a previous page, or {@code null}
     * @return the page request
     * @throws InvalidArgumentException when the size is out of range or the cursor is not ours
     */
    public static Page of(Integer first, String after) {
        int size = first == null ? DEFAULT_SIZE : first;
        if (size < 0 || size > MAX_SIZE) {
            throw new InvalidArgumentException("Argument 'first' must be between 0 and " + MAX_SIZE + ", was " + size);
        }
        return new Page(size, after == null ? null : decode(after));
    }

    /** @return rows to fetch: one more than the page, to know whether a next page exists */
    public int limit() {
        return first + 1;
    }

    public static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + key).getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String cursor) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith(PREFIX)) {
                return decoded.substring(PREFIX.length());
            }
        } catch (IllegalArgumentException ignored) {
            // fall through: not base64
        }
        throw new InvalidArgumentException("Argument 'after' is not a valid cursor: " + cursor);
    }

    /**
     * Cut the fetched rows to the page and describe it.
     *
     * @param rows     rows fetched with {@link #limit()}
     * @param keyOf    sort key of a row
     * @param toEdge   edge factory taking (cursor, row)
     * @param <R>      row type
     * @param <E>      edge type
     * @return edges and page info
     */
    public <R, E> Result<E> toResult(List<R> rows, Function<R, String> keyOf, java.util.function.BiFunction<String, R, E> toEdge) {
        boolean hasNext = rows.size() > first;
        List<R> page = hasNext ? rows.subList(0, first) : rows;
        List<E> edges = page.stream().map(r -> toEdge.apply(encode(keyOf.apply(r)), r)).toList();
        String start = page.isEmpty() ? null : encode(keyOf.apply(page.get(0)));
        String end = page.isEmpty() ? null : encode(keyOf.apply(page.get(page.size() - 1)));
        return new Result<>(edges, new PageInfo(hasNext, afterKey != null, start, end));
    }

    /**
     * A page of edges.
     *
     * @param edges    the edges
     * @param pageInfo its page info
     * @param <E>      edge type
     */
    public record Result<E>(List<E> edges, PageInfo pageInfo) {
    }
}
