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
}
