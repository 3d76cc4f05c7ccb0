/**
 * The alert store's figures on H2 and PostgreSQL: {@link io.ppcanomaly.bench.store.StoreRun} (saving 10,000
 * alerts, the active feed and statistics over 1,000,000 rows, a documented run) and
 * {@link io.ppcanomaly.bench.store.JdbcMetricSourceBenchmark} (JMH: one profile's 42 days of 1,000 keywords from a
 * performance table, against the CSV source) with {@link io.ppcanomaly.bench.store.JdbcSourceRun} (the same load as
 * a documented run printing CPU per load on each side and the query's plan).
 */
package io.ppcanomaly.bench.store;
