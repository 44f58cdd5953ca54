package dev.storefront.subgraph.deadline;

import io.helidon.common.context.Context;
import io.helidon.common.context.Contexts;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.sameInstance;

/** How a request's deadline is read from its header and used; the filter's wiring is covered by e2e DeadlineTest. */
class DeadlineTest {

    @Test
    void theHeaderIsHonouredUpToTheServersCapAndTheDefaultStandsInForNoneOrNonsense() {
        assertThat(Deadline.fromHeader("1500", 30_000, 60_000).remainingMillis(), is(inRange(1400, 1500)));
        assertThat("capped", Deadline.fromHeader("3600000", 30_000, 60_000).remainingMillis(), is(inRange(59_900, 60_000)));
        assertThat("absent", Deadline.fromHeader(null, 30_000, 60_000).remainingMillis(), is(inRange(29_900, 30_000)));
        assertThat("malformed", Deadline.fromHeader("soon", 30_000, 60_000).remainingMillis(), is(inRange(29_900, 30_000)));
        assertThat("negative", Deadline.fromHeader("-5", 30_000, 60_000).remainingMillis(), is(inRange(29_900, 30_000)));
        assertThat("zero: already passed", Deadline.fromHeader("0", 30_000, 60_000).isExpired(), is(true));
    }

    @Test
    void timeIsKeptBackOncePerRequestAndNoDeadlineStaysNone() {
        Deadline incoming = Deadline.inMillis(2000);
        Deadline working = incoming.keepingBack(500);
        assertThat(working.remainingMillis(), is(inRange(1400, 1500)));
        assertThat("not twice", working.keepingBack(500), is(sameInstance(working)));
        assertThat(working.bound(10_000), lessThanOrEqualTo(1500L));
        assertThat(working.bound(100), is(100L));
        assertThat(Deadline.NONE.keepingBack(500), is(sameInstance(Deadline.NONE)));
        assertThat(Deadline.NONE.isBounded(), is(false));
        assertThat(Deadline.NONE.bound(700), is(700L));
        assertThat(Deadline.NONE.isExpired(), is(false));
    }

    @Test
    void theRequestsDeadlineIsFoundInItsContextAndReplacedOnlyThere() {
        assertThat("outside a request", Deadline.current(), is(sameInstance(Deadline.NONE)));
        Deadline.inMillis(100).makeCurrent(); // no request: nothing happens
        assertThat(Deadline.current(), is(sameInstance(Deadline.NONE)));

        Context request = Context.create();
        request.register(Deadline.inMillis(3000));
        Contexts.runInContext(request, () -> {
            Deadline shorter = Deadline.current().keepingBack(1000);
            shorter.makeCurrent();
            assertThat(Deadline.current(), is(sameInstance(shorter)));
            assertThat(Deadline.current().remainingMillis(), is(inRange(1900, 2000)));
        });
    }

    private static org.hamcrest.Matcher<Long> inRange(long low, long high) {
        return org.hamcrest.Matchers.both(greaterThan(low - 1)).and(lessThanOrEqualTo(high));
    }
}
