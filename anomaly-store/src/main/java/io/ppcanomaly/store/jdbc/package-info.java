/**
 * JDBC plumbing the store and its users share: {@link io.ppcanomaly.store.jdbc.JdbcUrls} prints URLs without
 * passwords; {@link io.ppcanomaly.store.jdbc.UrlDataSource} opens connections from a URL for command-line use.
 */
package io.ppcanomaly.store.jdbc;
