package io.ppcanomaly.store.schema;

import io.ppcanomaly.store.Database;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's schema, migrated with Flyway from this library's scripts ({@code io/ppcanomaly/store/db/h2} and
 * {@code …/postgresql}) into its own history table {@value #HISTORY_TABLE}, so it lives beside a host
 * application's own Flyway history in the same schema. A schema that already holds the host's tables is
 * baselined at version 0 and then migrated (no table of the host is touched).
 *
 * <p>A database whose PPC Anomaly schema is newer than this library knows (a newer release migrated it) is
 * refused with a {@link SchemaVersionException} naming both versions, before anything is read or written.
 * Thread-safe; on PostgreSQL Flyway takes a lock, so concurrent migrations of one database wait for each other.
 */
public final class SchemaMigrator {

    /** The store's Flyway history table. */
    public static final String HISTORY_TABLE = "ppc_anomaly_schema_history";

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    private final DataSource dataSource;
    private final Database database;
    private final String url;
    private final String[] extraLocations;

    /**
     * @param dataSource the database, as a role allowed to create tables when migrating
     * @param database   which database it is
     * @param url        its URL for messages (redacted), or a description
     */
    public SchemaMigrator(DataSource dataSource, Database database, String url) {
        this(dataSource, database, url, new String[0]);
    }

    /** Tests: scripts from further locations beside the library's, as a later release would bring them. */
    SchemaMigrator(DataSource dataSource, Database database, String url, String... extraLocations) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.database = Objects.requireNonNull(database, "database");
        this.url = url;
        this.extraLocations = extraLocations.clone();
    }

    private Flyway flyway() {
        return Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations(locations())
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("before PPC Anomaly")
                // Versions are one sequence for every PPC Anomaly table, and modules developed side by side take
                // numbers ahead of each other (V5 API keys landed before V2-V4): a database already at a higher
                // version must still take a lower script that arrives later, instead of failing validation.
                .outOfOrder(true)
                .load();
    }

    private String[] locations() {
        String[] all = new String[extraLocations.length + 1];
        all[0] = database.migrationLocation();
        System.arraycopy(extraLocations, 0, all, 1, extraLocations.length);
        return all;
    }

    /** @return the newest schema version this library's scripts reach, e.g. {@code "5"} */
    public String libraryVersion() {
        return known(flyway().info()).getVersion();
    }

    /**
     * Migrates the schema to this library's newest version.
     *
     * @return the version the database is at afterwards
     * @throws SchemaVersionException when the database is at a newer version than this library knows
     */
    public String migrate() {
        Flyway flyway = flyway();
        refuseNewer(flyway.info());
        MigrateResult r = flyway.migrate();
        String now = flyway.info().current() == null ? "none" : flyway.info().current().getVersion().getVersion();
        if (r.migrationsExecuted > 0) {
            LOG.info("Migrated the PPC Anomaly schema of {} from version {} to {} ({} scripts)", url,
                    r.initialSchemaVersion == null ? "none" : r.initialSchemaVersion, now, r.migrationsExecuted);
        }
        return now;
    }

    /**
     * Checks, without changing anything, that the schema is exactly at this library's newest version.
     *
     * @return that version
     * @throws SchemaVersionException when it is older (naming what to do) or newer
     */
    public String check() {
        MigrationInfoService info = flyway().info();
        refuseNewer(info);
        String lib = known(info).getVersion();
        MigrationInfo current = info.current();
        String db = current == null ? "none" : current.getVersion().getVersion();
        if (!db.equals(lib) || info.pending().length > 0) {
            throw new SchemaVersionException(db, lib, "the PPC Anomaly schema of " + url + " is at version " + db
                    + (db.equals(lib) ? " but lacks " + pendingVersions(info) : "") + ", this library needs version "
                    + lib + (db.equals(lib) ? " with every script before it" : "") + ": open the store once with "
                    + "migrations enabled, as a role that may change the schema");
        }
        return db;
    }

    private static String pendingVersions(MigrationInfoService info) {
        StringBuilder b = new StringBuilder("version");
        MigrationInfo[] pending = info.pending();
        b.append(pending.length > 1 ? "s " : " ");
        for (int i = 0; i < pending.length; i++) {
            b.append(i > 0 ? ", " : "").append(pending[i].getVersion().getVersion());
        }
        return b.toString();
    }

    private void refuseNewer(MigrationInfoService info) {
        MigrationVersion lib = known(info);
        for (MigrationInfo m : info.applied()) {
            if (m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED) {
                String db = info.current() == null ? m.getVersion().getVersion() : info.current().getVersion().getVersion();
                throw new SchemaVersionException(db, lib.getVersion(), "the PPC Anomaly schema of " + url
                        + " is at version " + db + ", newer than version " + lib.getVersion() + ", the newest this "
                        + "library knows: a newer release migrated it; use that release (or newer) with this "
                        + "database");
            }
        }
    }

    private static MigrationVersion known(MigrationInfoService info) {
        MigrationVersion max = MigrationVersion.fromVersion("0");
        for (MigrationInfo m : info.all()) {
            MigrationState s = m.getState();
            if (m.getVersion() != null && s != MigrationState.FUTURE_SUCCESS && s != MigrationState.FUTURE_FAILED
                    && m.getScript() != null && !"<< Flyway Baseline >>".equals(m.getScript())
                    && m.getVersion().compareTo(max) > 0) {
                max = m.getVersion();
            }
        }
        return max;
    }
}
