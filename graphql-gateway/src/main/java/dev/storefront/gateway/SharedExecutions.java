package dev.storefront.gateway;

import dev.storefront.gateway.execution.CallerWrites;
import dev.storefront.gateway.execution.RequestDeadline;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Identical queries in flight at the same time share one execution: planning, every subgraph
 * fetch, merging and the written body. It is what Hive Router calls inbound request
 * deduplication; fetch deduplication ({@code SubgraphClient}) only shares the subgraph requests.
 * <p>
 * Why it is safe, case by case:
 * <ul>
 * <li>Only queries: a mutation always runs for its own request (the operation is known from the
 *     prepared document before anything is shared). A query's answer is the same for everyone who
 *     sends the same operation, variables and headers at the same moment.</li>
 * <li>Identity is part of the key: the operation as printed (literals included), its name, every
 *     variable value, and every header forwarded to the subgraphs ({@code Authorization}, the
 *     request id, {@code X-Forwarded-For}) but the trace context, which changes no answer. Two
 *     shoppers never share an answer; neither do two clients of different addresses.</li>
 * <li>Read your writes: a request joins only an execution that began after this gateway last
 *     finished a mutation fetch for the same caller ({@link CallerWrites}) (the same {@code Authorization}, or anonymous), so a
 *     shopper who placed an order and then asks for the order history never gets an answer read
 *     before the order existed. (Writes by others may be missed by a shared answer read a few
 *     milliseconds before the joining request arrived, as with any fetch deduplication.)</li>
 * <li>Nothing per request is shared: a query-plan answer ({@code includePlan}) is never shared,
 *     HTTP status and caching headers are decided per request from the shared result, and each
 *     request waits at most its own deadline. When the leading execution fails outright (an
 *     exception, not GraphQL errors), each joined request runs on its own.</li>
 * </ul>
 */
public final class SharedExecutions {
    /** Headers that change no answer: the trace context of each request. */
    private static final Set<String> NOT_IN_KEY = Set.of("traceparent", "tracestate");

    private record Key(String operation, Map<String, Object> variables, Map<String, String> headers) {
    }

    private record Execution(long startedNanos, CompletableFuture<GatewayResponse> result) {
    }

    private final Map<Key, Execution> inFlight = new ConcurrentHashMap<>();
    private final CallerWrites writes;
    private final AtomicLong shared = new AtomicLong();

    /** @param writes the subgraph client's record of each caller's last mutation */
    SharedExecutions(CallerWrites writes) {
        this.writes = writes;
    }

    /**
     * The response of an identical query in flight that began after the caller's last mutation,
     * or of this request's own execution (which others may then join).
     *
     * @param operation the prepared operation's plan key (printed document, name, conditions)
     */
    GatewayResponse execute(String operation, Map<String, Object> variables, Map<String, String> forwarded,
                            RequestDeadline deadline, Supplier<GatewayResponse> execution) {
        Key key = new Key(operation, variables, keyHeaders(forwarded));
        Execution mine = new Execution(System.nanoTime(), new CompletableFuture<>());
        Execution leader = inFlight.putIfAbsent(key, mine);
        if (leader == null) {
            return lead(key, mine, execution);
        }
        if (!writes.beganAfterLastWrite(forwarded, leader.startedNanos())) {
            // begun before this caller's last write: its answer may not show it
            return execution.get();
        }
        try {
            GatewayResponse response = leader.result().get(Math.max(0, deadline.remainingMillis()), TimeUnit.MILLISECONDS);
            shared.incrementAndGet();
            return response;
        } catch (ExecutionException | TimeoutException e) {
            // the shared execution failed outright, or this request's own deadline passed while it
            // ran: this request runs on its own (out of time, every fetch is refused at once)
            return execution.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return execution.get();
        }
    }

    private GatewayResponse lead(Key key, Execution mine, Supplier<GatewayResponse> execution) {
        try {
            GatewayResponse response = execution.get();
            mine.result().complete(response);
            return response;
        } catch (RuntimeException | Error e) {
            mine.result().completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    /** Requests answered by another request's execution. */
    public long sharedCount() {
        return shared.get();
    }

    private static Map<String, String> keyHeaders(Map<String, String> forwarded) {
        Map<String, String> key = new java.util.HashMap<>();
        forwarded.forEach((name, value) -> {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (!NOT_IN_KEY.contains(lower)) {
                key.put(lower, value);
            }
        });
        return key;
    }
}
