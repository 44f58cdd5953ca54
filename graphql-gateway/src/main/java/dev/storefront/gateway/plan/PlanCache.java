package dev.storefront.gateway.plan;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.util.function.Supplier;

/**
 * Bounded cache of query plans by normalized operation, with hit/miss counts for metrics.
 * Caffeine's W-TinyLFU eviction: a burst of one-off operations (ad-hoc GraphiQL queries, a
 * scanner) does not push out the plans the storefront uses all the time, as LRU would; reads take
 * no global lock.
 */
public final class PlanCache {
    private final Cache<String, QueryPlan> plans;

    public PlanCache(int capacity) {
        // maintenance (frequency counting, eviction) on the calling thread, amortized: accesses that
        // arrive in a burst are counted rather than dropped while a common-pool task is pending
        this.plans = Caffeine.newBuilder().maximumSize(capacity).executor(Runnable::run).recordStats().build();
    }

    /** The plan for the key; planned by {@code planner} when absent (a planning failure is not cached). */
    public QueryPlan get(String key, Supplier<QueryPlan> planner) {
        QueryPlan plan = plans.getIfPresent(key);
        if (plan == null) {
            // planned outside Caffeine's compute lock: a slow plan does not block requests whose keys share its bin;
            // two concurrent first requests for one operation may both plan it, and either plan serves
            plan = planner.get();
            plans.put(key, plan);
        }
        return plan;
    }

    public long hits() {
        return plans.stats().hitCount();
    }

    public long misses() {
        return plans.stats().missCount();
    }

    /** Plans held, approximately: evictions are applied a little after the write that causes them. */
    public long size() {
        return plans.estimatedSize();
    }

    /** Applies pending evictions now (tests). */
    void cleanUp() {
        plans.cleanUp();
    }
}
