package dev.storefront.orders.domain;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The users of one {@code _entities} batch. MP GraphQL calls {@code User.orders} once per user and
 * cannot batch it; this object, shared by the batch's users, reads the first page of every one of
 * them with a single statement on the first call and answers the other calls from that result.
 */
public final class UserOrdersBatch {

    /** Reads, for all given users at once, up to {@code limit} first orders each (oldest first). */
    @FunctionalInterface
    public interface FirstPagesLoader {
        /**
         * @param userIds   users
         * @param limit     orders per user
         * @param withItems whether the orders' lines are read with them
         * @return orders per user id
         */
        Map<String, List<Order>> load(List<String> userIds, int limit, boolean withItems);
    }

    private record Pages(int limit, boolean withItems) {
    }

    private final List<String> userIds;
    private final FirstPagesLoader firstPagesLoader;
    private final Map<Pages, Map<String, List<Order>>> firstPages = new ConcurrentHashMap<>();

    /**
     * @param userIds          ids of the batch's users
     * @param firstPagesLoader reads the first pages of all of them
     */
    public UserOrdersBatch(List<String> userIds, FirstPagesLoader firstPagesLoader) {
        this.userIds = List.copyOf(userIds);
        this.firstPagesLoader = firstPagesLoader;
    }

    /**
     * The first orders of one user of the batch.
     *
     * @param userId    a user of the batch
     * @param limit     rows per user
     * @param withItems whether the query shows the orders' lines (then they are read with the page)
     * @return up to {@code limit} orders, oldest first
     */
    public List<Order> firstPage(String userId, int limit, boolean withItems) {
        return firstPages.computeIfAbsent(new Pages(limit, withItems),
                        pages -> firstPagesLoader.load(userIds, pages.limit(), pages.withItems()))
                .getOrDefault(userId, List.of());
    }
}
