package dev.storefront.gateway.plan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** Bounded LRU cache of query plans by normalized operation, with hit/miss counters for metrics. */
public final class PlanCache {
    private final int capacity;
    private final Map<String, QueryPlan> plans;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    public PlanCache(int capacity) {
        this.capacity = capacity;
        this.plans = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, QueryPlan> eldest) {
                return size() > PlanCache.this.capacity;
            }
        };
    }

    public QueryPlan get(String key, Supplier<QueryPlan> planner) {
        synchronized (plans) {
            QueryPlan plan = plans.get(key);
            if (plan != null) {
                hits.incrementAndGet();
                return plan;
            }
        }
        misses.incrementAndGet();
        QueryPlan plan = planner.get(); // planned outside the lock: a slow plan does not block other requests
        synchronized (plans) {
            plans.put(key, plan);
        }
        return plan;
    }

    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }

    public int size() {
        synchronized (plans) {
            return plans.size();
        }
    }
}
