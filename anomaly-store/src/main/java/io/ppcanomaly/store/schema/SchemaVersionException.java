package io.ppcanomaly.store.schema;

import io.ppcanomaly.store.StoreException;

/**
 * The database's PPC Anomaly schema does not match this library: newer than the library knows (a newer release
 * migrated it; refusing protects its data from an older writer), or older while migrations are turned off. The
 * message names both versions.
 */
public class SchemaVersionException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final String databaseVersion;
    private final String libraryVersion;

    /**
     * @param databaseVersion the version the database is at
     * @param libraryVersion  the newest version this library knows
     * @param message         what to do
     */
    public SchemaVersionException(String databaseVersion, String libraryVersion, String message) {
        super(message);
        this.databaseVersion = databaseVersion;
        this.libraryVersion = libraryVersion;
    }

    /** @return the schema version the database is at ({@code "none"} before the first migration) */
    public String databaseVersion() {
        return databaseVersion;
    }

    /** @return the newest schema version this library knows */
    public String libraryVersion() {
        return libraryVersion;
    }
}
