package io.ppcanomaly.store;

import java.sql.SQLException;

/**
 * Work done in a store transaction ({@link AlertStore#inTransaction}).
 *
 * @param <T> what it returns
 */
@FunctionalInterface
public interface TransactionWork<T> {

    /**
     * @param tx the transaction, tenant applied
     * @return the result, returned after the commit
     * @throws SQLException to roll back
     */
    T run(StoreTransaction tx) throws SQLException;
}
