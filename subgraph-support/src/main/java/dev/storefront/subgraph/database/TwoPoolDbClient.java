package dev.storefront.subgraph.database;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbTransaction;

/**
 * A {@link DbClient} over two pools of the same database: statements outside a transaction run on
 * connections in autocommit mode, transactions on connections that are never in it. With a single
 * pool every transaction costs two more round trips, {@code SET autocommit=0} when Helidon begins
 * it and {@code SET autocommit=1} when the pool takes the connection back (8 of a checkout's ~26
 * round trips, each ~50 µs of the database's CPU); on a connection already out of autocommit the
 * driver sends neither ({@code useLocalSessionState}).
 */
final class TwoPoolDbClient implements DbClient {

    private final DbClient statements;
    private final DbClient transactions;

    /**
     * @param statements   pool in autocommit mode, for {@link #execute()}
     * @param transactions pool out of autocommit mode, for {@link #transaction()}
     */
    TwoPoolDbClient(DbClient statements, DbClient transactions) {
        this.statements = statements;
        this.transactions = transactions;
    }

    @Override
    public String dbType() {
        return statements.dbType();
    }

    @Override
    public DbExecute execute() {
        return statements.execute();
    }

    @Override
    public DbTransaction transaction() {
        return transactions.transaction();
    }

    @Override
    public <C> C unwrap(Class<C> cls) {
        return statements.unwrap(cls);
    }

    @Override
    public void close() {
        try {
            statements.close();
        } finally {
            transactions.close();
        }
    }
}
