package io.ppcanomaly.store;

import java.sql.Connection;
import java.time.Instant;

/**
 * A store transaction that code outside the store takes part in ({@link SaveHook},
 * {@link AlertStore#inTransaction}): its connection, with the tenant already applied.
 *
 * <p>Write through {@link #connection()} and the rows commit or roll back with the store's own. Do not commit,
 * roll back, close the connection or change its auto-commit: the store does. On PostgreSQL the transaction has
 * {@code ppc_anomaly.profile_id} set to {@link #profile()}, so row-level security policies keyed on it (every
 * PPC Anomaly table has one) apply; on H2 the caller's SQL must name the profile itself. Valid only during the
 * callback.
 */
public interface StoreTransaction {

    /** @return the transaction's connection (auto-commit off) */
    Connection connection();

    /** @return the tenant of the transaction, or {@code null} in {@link AlertStore#inSharedTransaction} */
    ProfileId profile();

    /** @return which database, for SQL that differs between them */
    Database database();

    /** @return the store clock's instant for this transaction, to the millisecond */
    Instant now();
}
