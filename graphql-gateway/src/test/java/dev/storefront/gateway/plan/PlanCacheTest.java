package dev.storefront.gateway.plan;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plan cache's bound, eviction choice and counters, on the cache alone. */
class PlanCacheTest {

    private static QueryPlan planned() {
        return new QueryPlan(null, null); // the cache keeps whatever the planner returns; identity is what counts
    }

    @Test
    void aBurstOfOneOffOperationsDoesNotEvictTheFrequentOnes() {
        PlanCache cache = new PlanCache(50);
        // a running gateway's cache is populated; Caffeine counts use frequencies from half full on
        for (int i = 0; i < 30; i++) {
            cache.get("earlier-" + i, PlanCacheTest::planned);
        }
        List<String> frequent = IntStream.range(0, 10).mapToObj(i -> "frequent-" + i).toList();
        List<QueryPlan> plans = frequent.stream().map(key -> cache.get(key, PlanCacheTest::planned)).toList();
        for (int round = 0; round < 10; round++) {
            frequent.forEach(key -> cache.get(key, () -> { throw new AssertionError("planned again: " + key); }));
        }
        // four times the capacity of operations seen once (ad-hoc queries, a scanner): LRU would keep none of the ten
        for (int i = 0; i < 200; i++) {
            cache.get("one-off-" + i, PlanCacheTest::planned);
        }
        long missesBefore = cache.misses();
        for (int i = 0; i < frequent.size(); i++) {
            assertSame(plans.get(i), cache.get(frequent.get(i), PlanCacheTest::planned), frequent.get(i));
        }
        assertEquals(missesBefore, cache.misses(), "every frequent plan was still cached");
        cache.cleanUp();
        assertTrue(cache.size() <= 50, "size " + cache.size());
    }

    @Test
    void countsHitsAndMissesAndNeverCachesAFailedPlanning() {
        PlanCache cache = new PlanCache(10);
        assertThrows(PlanningException.class, () -> cache.get("bad", () -> { throw new PlanningException("no"); }));
        QueryPlan plan = planned();
        assertSame(plan, cache.get("bad", () -> plan), "the failure was not remembered");
        assertSame(plan, cache.get("bad", PlanCacheTest::planned));
        assertEquals(2, cache.misses());
        assertEquals(1, cache.hits());
    }
}
