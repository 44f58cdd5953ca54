package dev.storefront.gateway.execution;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The breaker's states on a hand-driven clock. */
class CircuitBreakerTest {
    @Test
    void opensAfterConsecutiveFailuresAndClosesAfterASuccessfulTrial() {
        long[] now = {0};
        CircuitBreaker breaker = new CircuitBreaker(2, Duration.ofSeconds(1), () -> now[0]);
        assertTrue(breaker.tryAcquire());
        breaker.failure();
        assertTrue(breaker.tryAcquire(), "one failure is below the threshold");
        breaker.success();
        breaker.failure();
        assertTrue(breaker.tryAcquire(), "failures must be consecutive");
        breaker.failure();
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertTrue(!breaker.tryAcquire());
        assertEquals(1000, breaker.millisUntilTrial());
        now[0] = Duration.ofMillis(1000).toNanos();
        assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
        assertTrue(breaker.tryAcquire(), "one trial");
        assertTrue(!breaker.tryAcquire(), "only one trial at a time");
        breaker.success();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertTrue(breaker.tryAcquire());
    }

    @Test
    void anInconclusiveFetchNeitherCountsNorResetsAndFreesAHalfOpenTrial() {
        long[] now = {0};
        CircuitBreaker breaker = new CircuitBreaker(2, Duration.ofSeconds(1), () -> now[0]);
        assertTrue(breaker.tryAcquire());
        breaker.failure();
        for (int i = 0; i < 5; i++) {
            assertTrue(breaker.tryAcquire());
            breaker.inconclusive(); // mutations the gateway stopped waiting for
        }
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertTrue(breaker.tryAcquire());
        breaker.failure();
        assertEquals(CircuitBreaker.State.OPEN, breaker.state(), "the earlier failure still counted: two in a row");
        now[0] = Duration.ofMillis(1000).toNanos();
        assertTrue(breaker.tryAcquire(), "a trial");
        breaker.inconclusive();
        assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
        assertTrue(breaker.tryAcquire(), "the trial said nothing: another may go out");
        breaker.success();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
    }
}
