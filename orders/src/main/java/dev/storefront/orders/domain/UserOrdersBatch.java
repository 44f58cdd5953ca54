package dev.storefront.orders.domain;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The users of one {@code _entities} batch. MP GraphQL calls {@code User.orders} once per user and
 * cannot batch it; this object, shared by the batch's users, reads the first page of every one of
 * them with a single statement on the first call and answers the other calls from that result.
 */
public final class UserOrdersBatch {

    private final List<String> userIds;
    private final BiFunction<List<String>, Integer, Map<String, List<Order>>> firstPagesLoader;
    private final Map<Integer, Map<String, List<Order>>> firstPagesByLimit = new ConcurrentHashMap<>();

    /**
     * @param userIds          ids of the batch's users
     * @param firstPagesLoader reads, for all given users at once, up to {@code limit} first orders each (oldest first)
     */
    public UserOrdersBatch(List<String> userIds, BiFunction<List<String>, Integer, Map<String, List<Order>>> firstPagesLoader) {
        this.userIds = List.copyOf(userIds);
        this.firstPagesLoader = firstPagesLoader;
    }

    /**
     * The first orders of one user of the batch.
     *
     * @param userId a user of the batch
     * @param limit  rows per user
     * @return up to {@code limit} orders, oldest first
     */
    public List<Order> firstPage(String userId, int limit) {
        return firstPagesByLimit.computeIfAbsent(limit, l -> firstPagesLoader.apply(userIds, l))
                .getOrDefault(userId, List.of());
    }
}
