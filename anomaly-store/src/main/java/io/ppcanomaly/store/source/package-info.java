/**
 * Metrics straight from the host's database: {@link io.ppcanomaly.store.source.JdbcMetricSource} reads a
 * performance table or query with the report CSV's columns (mapped by name where they differ), only the requested
 * profile and periods, through the service's own row assembly, validation and load summary.
 */
package io.ppcanomaly.store.source;
