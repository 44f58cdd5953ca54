package dev.storefront.subgraph.database;

import java.util.function.Function;
import java.util.function.Predicate;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbTransaction;

/**
 * Runs a piece of repository work in one database transaction: commit what it returns, roll back
 * when it throws (a failing rollback is attached to the original failure, which is what is thrown).
 */
public final class Transactions {

    private Transactions() {
    }

    /**
     * @param db   the service's database
     * @param work statements run in the transaction
     * @param <T>  what the work answers
     * @return what the work answered, once committed
     */
    public static <T> T inTransaction(DbClient db, Function<DbTransaction, T> work) {
        return inTransaction(db, work, result -> true);
    }

    /**
     * Like {@link #inTransaction(DbClient, Function)}, but commit only an answer that keeps its
     * writes; any other is rolled back, e.g. a reservation that found an item short after taking
     * the stock of the ones before it.
     *
     * @param db       the service's database
     * @param work     statements run in the transaction
     * @param commitIf whether an answer's writes are kept
     * @param <T>      what the work answers
     * @return what the work answered
     */
    public static <T> T inTransaction(DbClient db, Function<DbTransaction, T> work, Predicate<? super T> commitIf) {
        DbTransaction tx = db.transaction();
        T result;
        try {
            result = work.apply(tx);
        } catch (RuntimeException e) {
            rollbackQuietly(tx, e);
            throw e;
        }
        if (commitIf.test(result)) {
            tx.commit();
        } else {
            tx.rollback();
        }
        return result;
    }

    private static void rollbackQuietly(DbTransaction tx, RuntimeException cause) {
        try {
            tx.rollback();
        } catch (RuntimeException rollbackFailure) {
            // e.g. the connection is gone; the work's own failure is what the caller must see
            cause.addSuppressed(rollbackFailure);
        }
    }
}
