/**
 * Test fixtures shipped in anomaly-store's test-jar: {@link io.ppcanomaly.store.testing.TestPostgres}, a real
 * PostgreSQL started by the tests themselves (no Docker; runs as an unprivileged user under root), and
 * {@link io.ppcanomaly.store.testing.TestDatabase}, a fresh database per test class.
 */
package io.ppcanomaly.store.testing;
