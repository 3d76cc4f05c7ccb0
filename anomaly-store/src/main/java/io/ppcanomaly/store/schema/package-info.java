/**
 * The store's schema: Flyway migrations per database in the library's own history table
 * ({@link io.ppcanomaly.store.schema.SchemaMigrator}), and the refusal of a database a newer release migrated
 * ({@link io.ppcanomaly.store.schema.SchemaVersionException}).
 */
package io.ppcanomaly.store.schema;
