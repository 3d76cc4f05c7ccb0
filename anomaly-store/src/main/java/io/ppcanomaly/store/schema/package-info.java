/**
 * The store's schema: Flyway migrations per database in the library's own history table
 * ({@link io.ppcanomaly.store.schema.SchemaMigrator}), and the refusal of a database a newer release migrated
 * ({@link io.ppcanomaly.store.schema.SchemaVersionException}), and the rebuild of the statistics roll-ups from the
 * rows ({@link io.ppcanomaly.store.schema.StatisticsRollups}).
 */
package io.ppcanomaly.store.schema;
