package dev.storefront.products.internal;

import dev.storefront.subgraph.internal.JsonRoutes.Answer;

import io.helidon.dbclient.DbClientException;

/**
 * The database failed: callers may retry (every internal endpoint is idempotent), so say so with a
 * 503 instead of a 500; the cause goes to the log, not to the caller.
 */
final class Unavailable {

    private static final System.Logger LOGGER = System.getLogger(Unavailable.class.getName());

    private Unavailable() {
    }

    /**
     * @param failure what a route threw
     * @return 503 {@code UNAVAILABLE} for a database failure, {@code null} for anything else
     */
    static Answer answer(RuntimeException failure) {
        if (!(failure instanceof DbClientException)) {
            return null;
        }
        LOGGER.log(System.Logger.Level.WARNING, "Database failure answered with 503", failure);
        return Answer.error(503, "UNAVAILABLE", "The products database is unavailable; retry later");
    }
}
