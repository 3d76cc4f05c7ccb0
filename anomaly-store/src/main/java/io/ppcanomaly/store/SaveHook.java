package io.ppcanomaly.store;

import java.sql.SQLException;

/**
 * Code that writes in the same transaction as {@link AlertStore#save}: after the report's alerts are written and
 * before the commit. The monitor writes its watermark and streaming model state here; notifications write their
 * outbox rows; either way the rows exist exactly when the alerts do.
 *
 * <pre>{@code
 * SaveResult r = store.save(profile, report, (tx, saved) -> {
 *     try (PreparedStatement ps = tx.connection().prepareStatement(
 *             "INSERT INTO my_outbox (profile_id, alert_id, kind) VALUES (?, ?, ?)")) {
 *         for (StoredAlert a : saved.opened()) {
 *             ps.setString(1, tx.profile().value());
 *             ps.setLong(2, a.id());
 *             ps.setString(3, "opened");
 *             ps.addBatch();
 *         }
 *         ps.executeBatch();
 *     }
 * });
 * }</pre>
 *
 * A hook that throws rolls the whole save back (its own rows, the alerts, earlier hooks' rows) and the exception
 * reaches the caller of {@code save}: a {@link RuntimeException} as it is, an {@link SQLException} wrapped in a
 * {@link StoreException}. Hooks run on the saving thread; a hook registered in {@link StoreConfig} runs on every
 * save of the store, from every thread, so it must be thread-safe.
 */
@FunctionalInterface
public interface SaveHook {

    /**
     * @param tx    the save's transaction, tenant applied
     * @param saved what the save wrote (ids assigned)
     * @throws SQLException to roll the save back
     */
    void afterSave(StoreTransaction tx, SaveResult saved) throws SQLException;
}
