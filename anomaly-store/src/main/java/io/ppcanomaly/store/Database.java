package io.ppcanomaly.store;

import java.util.Locale;

/**
 * The databases the store runs on. Code taking part in a store transaction ({@link SaveHook},
 * {@link AlertStore#inTransaction}) reads it from {@link StoreTransaction#database()} to pick its SQL where the
 * two differ (JSON columns, upserts).
 */
public enum Database {
    /** H2 2.x: the embedded default. No row-level security; the store's queries isolate tenants. */
    H2("h2"),
    /** PostgreSQL 12 or later (tested on 17): row-level security on every table. */
    POSTGRESQL("postgresql");

    private final String folder;

    Database(String folder) {
        this.folder = folder;
    }

    /** @return the Flyway location of this database's migration scripts */
    public String migrationLocation() {
        return "classpath:io/ppcanomaly/store/db/" + folder;
    }

    /**
     * @return the SQL of a parameter bound as JSON text into a JSON column: {@code CAST(? AS jsonb)} on
     *         PostgreSQL, {@code ?} on H2 (whose JSON columns are text)
     */
    public String jsonParameter() {
        return this == POSTGRESQL ? "CAST(? AS jsonb)" : "?";
    }

    /**
     * Recognises a database by its JDBC product name ({@link java.sql.DatabaseMetaData#getDatabaseProductName()}).
     *
     * @throws IllegalArgumentException for any other database, naming it and the supported ones
     */
    public static Database fromProductName(String productName) {
        String p = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (p.equals("h2")) {
            return H2;
        }
        if (p.contains("postgresql")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("database must be H2 or PostgreSQL, got '" + productName + "'");
    }
}
