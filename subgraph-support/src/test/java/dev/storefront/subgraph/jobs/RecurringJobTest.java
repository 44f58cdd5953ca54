package dev.storefront.subgraph.jobs;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RecurringJobTest {

    @Test
    void runsRightAwayThenAgainAndOutlivesAFailingRun() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch third = new CountDownLatch(3);
        try (RecurringJob job = RecurringJob.start("test-job", Duration.ofMillis(20), () -> {
            int run = runs.incrementAndGet();
            third.countDown();
            if (run == 1) {
                throw new IllegalStateException("the database is away");
            }
        })) {
            assertThat("three runs, the first one failing", third.await(5, TimeUnit.SECONDS), is(true));
        }
        assertThat("runs went on after the failing one", runs.get() >= 3, is(true));
        int afterClose = runs.get();
        Thread.sleep(100);
        assertThat("no run after close", runs.get() <= afterClose + 1, is(true));
    }

    @Test
    void refusesANonPositiveDelay() {
        assertThrows(IllegalArgumentException.class, () -> RecurringJob.start("test-job", Duration.ZERO, () -> { }));
    }
}
