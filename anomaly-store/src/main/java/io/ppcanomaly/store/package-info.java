/**
 * The alert store: {@link io.ppcanomaly.store.AlertStore} keeps a detection run's alerts per advertiser profile
 * ({@link io.ppcanomaly.store.ProfileId}) in three tables — {@code anomaly_alerts} (live alerts and their lifecycle),
 * {@code anomaly_history} (the archive) and {@code anomaly_training_data} (people's labels with the window the
 * detector saw) — on H2 (embedded default) or PostgreSQL (row-level security per profile).
 *
 * <p>Typical use: {@code save} each report; list the feed with {@code active(profile, AlertFilter, Page)};
 * {@code acknowledge}, {@code resolve}, {@code reopen}; label with {@code feedback}; chart with
 * {@code statistics}; run {@code archive} daily. Modules built on the store take part in its transactions through
 * {@link io.ppcanomaly.store.SaveHook} and {@link io.ppcanomaly.store.AlertStore#inTransaction}.
 */
package io.ppcanomaly.store;
