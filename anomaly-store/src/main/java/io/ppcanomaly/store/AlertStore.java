package io.ppcanomaly.store;

import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.service.DetectionReport;
import io.ppcanomaly.service.incident.Incident;
import io.ppcanomaly.store.jdbc.UrlDataSource;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert store: a detection run's alerts kept per advertiser profile, acknowledged, resolved, labelled,
 * counted and archived, in any database reachable through a {@link DataSource} (H2 or PostgreSQL).
 *
 * <pre>{@code
 * try (AlertStore store = AlertStore.embedded(Path.of("anomaly-data"))) {     // or AlertStore.open(dataSource)
 *     ProfileId profile = ProfileId.of("3712345678901234");
 *     SaveResult saved = store.save(profile, report);                          // idempotent, all or nothing
 *     AlertPage feed = store.active(profile, AlertFilter.builder().minSeverity("high").build(), Page.first(50));
 *     StoredAlert a = store.acknowledge(profile, feed.alerts().get(0).id(), "ana");
 *     store.resolve(profile, a.id(), Resolution.by("ana").note("bid cap restored").build(), a.version());
 *     store.feedback(profile, a.id(), true, "ana");                            // a training example
 *     AlertStatistics week = store.statistics(profile, LocalDate.now().minusDays(6), LocalDate.now());
 * }
 * }</pre>
 *
 * <h2>Tenancy</h2>
 * Every method takes the profile and reads or writes that profile's rows only; another profile's alert id behaves
 * exactly like an unknown one ({@link AlertNotFoundException}, empty {@link #get}). On <b>PostgreSQL</b> the store
 * also sets {@code ppc_anomaly.profile_id} per transaction and every table has a row-level security policy on it,
 * so SQL that forgets the profile sees nothing of other tenants — for any role that is not the tables' owner
 * (PostgreSQL exempts owners): run the store as an ordinary role for the database to check its queries a second
 * time. On <b>H2</b> isolation comes from the store's own queries only (H2 has no row-level security).
 *
 * <h2>Transactions</h2>
 * Each call is one transaction on one connection taken from the data source and handed back. {@link #save} is all
 * or nothing; {@link SaveHook}s and {@link #inTransaction} let modules built on the store write their own rows in
 * the same transaction. Changes to one alert are optimistic: a writer whose version is gone gets an
 * {@link AlertConflictException}, never a lost update.
 *
 * <h2>Errors</h2>
 * Bad input throws {@link IllegalArgumentException} before anything is written; database failures throw
 * {@link StoreException} naming the JDBC URL (without password) and the cause; a closed store throws
 * {@link IllegalStateException}.
 *
 * <p>Thread-safe. {@link #close()} closes what the store opened itself (the embedded database's pool), never a
 * data source it was given.
 */
public final class AlertStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertStore.class);

    /** The embedded database's file name (H2 adds {@code .mv.db}). */
    public static final String EMBEDDED_NAME = "ppc-anomaly";

    private final Transactions tx;
    private final StoreConfig config;
    private final AlertSaver saver;
    private final String schemaVersion;
    private final AutoCloseable owned;
    private final AtomicBoolean closed;

    private AlertStore(Transactions tx, StoreConfig config, String schemaVersion, AutoCloseable owned,
                       AtomicBoolean closed) {
        this.tx = tx;
        this.config = config;
        this.saver = new AlertSaver(tx, config.hooks());
        this.schemaVersion = schemaVersion;
        this.owned = owned;
        this.closed = closed;
    }

    /** Builds the store {@link StoreOpener} opened. */
    static AlertStore create(Transactions tx, StoreConfig config, String schemaVersion, AutoCloseable owned,
                             AtomicBoolean closed) {
        return new AlertStore(tx, config, schemaVersion, owned, closed);
    }

    /**
     * Opens the store on a data source with the defaults ({@link StoreConfig#DEFAULT}), migrating its schema.
     *
     * @throws StoreException when the database cannot be reached, is not H2 or PostgreSQL, or its schema is newer
     *                        than this library knows
     */
    public static AlertStore open(DataSource dataSource) {
        return open(dataSource, StoreConfig.DEFAULT);
    }

    /**
     * Opens the store on a data source (the host's pool; the store never closes it).
     *
     * @throws StoreException when the database cannot be reached, is not H2 or PostgreSQL, or its schema does not
     *                        fit ({@link io.ppcanomaly.store.schema.SchemaVersionException})
     */
    public static AlertStore open(DataSource dataSource, StoreConfig config) {
        return open(dataSource, config, null);
    }

    /**
     * Opens the store from a JDBC URL ({@code jdbc:postgresql://host:5432/db?user=…&password=…}, {@code jdbc:h2:…}),
     * one connection per call and no pool: for command-line use.
     *
     * @throws IllegalArgumentException when the URL does not start with {@code jdbc:}
     * @throws StoreException           as {@link #open(DataSource, StoreConfig)}
     */
    public static AlertStore open(String jdbcUrl, StoreConfig config) {
        UrlDataSource ds = new UrlDataSource(jdbcUrl, null, null);
        return open(ds, config.jdbcUrl() == null ? config.toBuilder().jdbcUrl(ds.getUrl()).build() : config, null);
    }

    /** Opens (creating when needed) the embedded H2 database in {@code directory}, with the defaults. */
    public static AlertStore embedded(Path directory) {
        return embedded(directory, StoreConfig.DEFAULT);
    }

    /**
     * Opens (creating when needed) the embedded database: an H2 file database {@value #EMBEDDED_NAME} in
     * {@code directory}, pooled; {@link #close()} closes it. One process at a time may open a directory.
     *
     * @throws IllegalArgumentException when {@code directory} exists and is not a directory
     * @throws UncheckedIOException     when the directory cannot be created
     * @throws StoreException           when the database cannot be opened (e.g. another process holds it)
     */
    public static AlertStore embedded(Path directory, StoreConfig config) {
        return StoreOpener.embedded(directory, config);
    }

    private static AlertStore open(DataSource ds, StoreConfig config, AutoCloseable owned) {
        return StoreOpener.open(ds, config, owned);
    }

    /** @return which database the store runs on */
    public Database database() {
        return tx.database();
    }

    /** @return the database's JDBC URL, without password */
    public String url() {
        return tx.url();
    }

    /** @return the schema version the database is at, e.g. {@code "1"} */
    public String schemaVersion() {
        return schemaVersion;
    }

    /** @return the configuration */
    public StoreConfig config() {
        return config;
    }

    /**
     * Saves a report's alerts and incidents under {@code profile}, in one transaction with the configured hooks.
     *
     * <p>Idempotent: an alert whose entity and period the store already holds (live or archived) is skipped and
     * counted, so saving a report twice stores nothing new. An entity alerting in the period right after its
     * active (open or acknowledged) alert's latest period continues that alert: one more occurrence, the latest
     * period's details, the peak score and the highest severity kept; a resolved alert is never continued (the
     * anomaly is back: a new alert opens). Alerts are taken oldest period first, so a backtest's report of many
     * periods builds the same alerts as saving its periods one by one.
     *
     * <p>Each of the report's incidents is stored by its deterministic id — inserted, or replacing the stored one
     * (a continued incident comes back whole) unless that one reaches a later period — and every alert carries its
     * incident's id; ongoing incidents the report did not continue and that are past the grouping gap as of its
     * last period are ended.
     *
     * @return what was opened, continued and escalated
     * @throws IllegalArgumentException naming the alert and field, when an alert is unfit to store (blank entity id,
     *                                  a non-finite number, a name too long); nothing is written
     * @throws AlertConflictException   when a concurrent writer changed the same alerts first; nothing is written
     *                                  and saving again is safe
     * @throws StoreException           on a database failure; nothing is written
     */
    public SaveResult save(ProfileId profile, DetectionReport report) {
        return save(profile, report, null);
    }

    /**
     * {@link #save(ProfileId, DetectionReport)} with one more hook run inside the transaction, after the configured
     * ones: the monitor's watermark and model state, for example.
     *
     * @param hook code writing in the save's transaction, or {@code null}; if it throws nothing is saved and the
     *             exception reaches the caller ({@link java.sql.SQLException} wrapped in {@link StoreException})
     */
    public SaveResult save(ProfileId profile, DetectionReport report, SaveHook hook) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(report, "report");
        return saver.save(profile, report, hook);
    }

    /**
     * Lists the profile's active (open and acknowledged) alerts, most severe first, then the most money at stake,
     * then oldest; read straight off an index.
     *
     * @return one page, and whether more follow
     */
    public AlertPage active(ProfileId profile, AlertFilter filter, Page page) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(page, "page");
        return tx.run(profile, "list active alerts", t -> AlertQueries.active(t.connection(), t.database(), profile, filter,
                page));
    }

    /** @return the alert, live or archived, or empty when the profile holds no alert with this id */
    public Optional<StoredAlert> get(ProfileId profile, long id) {
        Objects.requireNonNull(profile, "profile");
        return tx.run(profile, "read alert " + id, t -> AlertQueries.get(t.connection(), profile, id, false));
    }

    /**
     * Lists the profile's incidents — alerts sharing a root cause and touching in time, as the service groups them
     * and {@link #save} keeps them — latest last period first, then most severe, then most money at stake.
     *
     * @return one page, and whether more follow
     */
    public IncidentPage incidents(ProfileId profile, IncidentFilter filter, Page page) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(page, "page");
        return tx.run(profile, "list incidents", t -> Incidents.list(t.connection(), profile, filter, page));
    }

    /**
     * @return the incident with the stored alerts (live or archived) that cover its alerted periods, or empty when
     *         the profile holds no incident with this id
     */
    public Optional<IncidentDetail> incident(ProfileId profile, String id) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(id, "id");
        return tx.run(profile, "read incident " + id, t -> Incidents.detail(t.connection(), profile, id));
    }

    /**
     * The profile's incidents a later run may still continue, for
     * {@code AnomalyService.detect(request, source, ongoingIncidents)}: a run judging one period at a time then
     * continues them under their ids, and its {@link #save} replaces them and ends those it did not continue.
     *
     * @return the ongoing incidents, oldest last period first
     */
    public List<Incident> ongoingIncidents(ProfileId profile) {
        Objects.requireNonNull(profile, "profile");
        return tx.run(profile, "read ongoing incidents", t -> Incidents.ongoing(t.connection(), profile));
    }

    /**
     * Acknowledges an open alert: someone is on it.
     *
     * @param who who, 1 to 256 characters
     * @return the alert after the change
     * @throws AlertNotFoundException     when the profile holds no such alert
     * @throws IllegalTransitionException when it is not open (naming its state)
     * @throws AlertConflictException     when another writer changed it during the call
     */
    public StoredAlert acknowledge(ProfileId profile, long id, String who) {
        return acknowledge(profile, id, who, AlertLifecycle.ANY);
    }

    /**
     * {@link #acknowledge(ProfileId, long, String)} only if the alert is still at {@code expectedVersion} (the
     * version the caller read and showed to a person).
     *
     * @throws AlertConflictException when it is at another version
     */
    public StoredAlert acknowledge(ProfileId profile, long id, String who, long expectedVersion) {
        Objects.requireNonNull(profile, "profile");
        String w = Validation.who(who);
        return tx.run(profile, "acknowledge alert " + id, t -> AlertLifecycle.acknowledge(t, id, w, expectedVersion));
    }

    /**
     * Resolves an open or acknowledged alert, recording the note, revenue impact and snapshots, and the time it took
     * (from first seen).
     *
     * @return the alert after the change
     * @throws AlertNotFoundException     when the profile holds no such alert
     * @throws IllegalTransitionException when it is already resolved (or archived)
     * @throws AlertConflictException     when another writer changed it during the call
     */
    public StoredAlert resolve(ProfileId profile, long id, Resolution resolution) {
        return resolve(profile, id, resolution, AlertLifecycle.ANY);
    }

    /**
     * {@link #resolve(ProfileId, long, Resolution)} only if the alert is still at {@code expectedVersion}.
     *
     * @throws AlertConflictException when it is at another version
     */
    public StoredAlert resolve(ProfileId profile, long id, Resolution resolution, long expectedVersion) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(resolution, "resolution");
        return tx.run(profile, "resolve alert " + id, t -> AlertLifecycle.resolve(t, id, resolution, expectedVersion));
    }

    /**
     * Reopens an acknowledged or resolved (not yet archived) alert: it is open again and its acknowledgement and
     * resolution are cleared.
     *
     * @return the alert after the change
     * @throws AlertNotFoundException     when the profile holds no such alert
     * @throws IllegalTransitionException when it is open, or archived
     * @throws AlertConflictException     when another writer changed it during the call
     */
    public StoredAlert reopen(ProfileId profile, long id) {
        return reopen(profile, id, AlertLifecycle.ANY);
    }

    /**
     * {@link #reopen(ProfileId, long)} only if the alert is still at {@code expectedVersion}.
     *
     * @throws AlertConflictException when it is at another version
     */
    public StoredAlert reopen(ProfileId profile, long id, long expectedVersion) {
        Objects.requireNonNull(profile, "profile");
        return tx.run(profile, "reopen alert " + id, t -> AlertLifecycle.reopen(t, id, expectedVersion));
    }

    /**
     * Records a person's label on an alert (live or archived) as its training example: the window and raw metrics
     * the detector saw, its score, the label. Labelling an alert again replaces its label.
     *
     * @param isTrueAnomaly whether the person confirms the anomaly
     * @param who           who, 1 to 256 characters
     * @return the training example
     * @throws AlertNotFoundException when the profile holds no such alert
     */
    public TrainingExample feedback(ProfileId profile, long id, boolean isTrueAnomaly, String who) {
        Objects.requireNonNull(profile, "profile");
        String w = Validation.who(who);
        return tx.run(profile, "record feedback on alert " + id, t -> Feedback.label(t, id, isTrueAnomaly, w));
    }

    /**
     * The profile's training examples whose window ends in [{@code from}, {@code to}), oldest first.
     *
     * @param type only this level, or {@code null} for all
     * @throws IllegalArgumentException when {@code from} is after {@code to}
     */
    public List<TrainingExample> trainingData(ProfileId profile, EntityType type, LocalDateTime from, LocalDateTime to) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from must not be after to " + to + ", got " + from);
        }
        return tx.run(profile, "read training data", t -> Feedback.examples(t.connection(), profile, type, from, to));
    }

    /**
     * Counts the profile's alerts whose first period falls on a day in [{@code from}, {@code to}], live and
     * archived: by severity, level, detector, status and day; mean times to acknowledge and resolve; the top
     * entities by alerts and by money at stake; precision from feedback labels.
     *
     * @param from first day, inclusive
     * @param to   last day, inclusive; at most 3,660 days after {@code from}
     * @throws IllegalArgumentException when {@code from} is after {@code to} or the range is longer
     */
    public AlertStatistics statistics(ProfileId profile, LocalDate from, LocalDate to) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from must not be after to " + to + ", got " + from);
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days > StatisticsQuery.MAX_DAYS) {
            throw new IllegalArgumentException("statistics range must be at most " + StatisticsQuery.MAX_DAYS
                    + " days, got " + days);
        }
        return tx.run(profile, "compute statistics", t -> StatisticsQuery.run(t.connection(), profile, from, to));
    }

    /**
     * Archives the profile's alerts resolved longer ago than {@link Retention#archiveResolvedAfter()} (default 90
     * days) and applies {@link Retention#deleteHistoryAfter()}, in one transaction.
     */
    public ArchiveResult archive(ProfileId profile) {
        return archive(profile, tx.now().minus(config.retention().archiveResolvedAfter()));
    }

    /**
     * Moves the profile's alerts resolved before {@code olderThan} to history, in one transaction, and applies
     * {@link Retention#deleteHistoryAfter()}.
     */
    public ArchiveResult archive(ProfileId profile, Instant olderThan) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(olderThan, "olderThan");
        ArchiveResult r = tx.run(profile, "archive resolved alerts", t -> Archiver.archive(t, profile, olderThan,
                historyCutoff(t.now())));
        if (r.archived() > 0 || r.historyDeleted() > 0) {
            LOG.info("Archived {} resolved alerts of profile {} (resolved before {}), deleted {} history rows",
                    r.archived(), profile, olderThan, r.historyDeleted());
        }
        return r;
    }

    /**
     * Archives every profile's alerts resolved before {@code olderThan}, in one transaction: maintenance for a role
     * row-level security does not restrict (on PostgreSQL the tables' owner or a {@code BYPASSRLS} role; any role on
     * H2).
     *
     * @throws IllegalStateException when row-level security restricts the store's role (archive per profile then)
     */
    public ArchiveResult archiveAll(Instant olderThan) {
        Objects.requireNonNull(olderThan, "olderThan");
        ArchiveResult r = tx.run(null, "archive resolved alerts of every profile",
                t -> Archiver.archive(t, null, olderThan, historyCutoff(t.now())));
        LOG.info("Archived {} resolved alerts of every profile (resolved before {}), deleted {} history rows",
                r.archived(), olderThan, r.historyDeleted());
        return r;
    }

    private Instant historyCutoff(Instant now) {
        return config.retention().historyKept().map(now::minus).orElse(null);
    }

    /**
     * Runs code in a store transaction of {@code profile}: for modules built on the store (the monitor's leases and
     * model registry, the notification dispatcher) to read and write their own tables with the tenant applied and
     * the store's connection handling and error messages.
     *
     * @return what {@code work} returned, after the commit
     * @throws StoreException wrapping an {@link SQLException} from {@code work} (rolled back)
     */
    public <T> T inTransaction(ProfileId profile, TransactionWork<T> work) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(work, "work");
        return tx.run(profile, "run a transaction for profile " + profile, work);
    }

    /**
     * Runs code in a store transaction of no tenant: for modules built on the store whose own tables are read
     * before any profile is known (the HTTP server authenticating an API key). {@link StoreTransaction#profile()}
     * is {@code null}; on PostgreSQL {@code ppc_anomaly.profile_id} is unset, so row-level security hides every
     * profile's rows from a role it restricts - the work sets the settings its own tables' policies ask for.
     *
     * @return what {@code work} returned, after the commit
     * @throws StoreException wrapping an {@link SQLException} from {@code work} (rolled back)
     */
    public <T> T inSharedTransaction(TransactionWork<T> work) {
        Objects.requireNonNull(work, "work");
        return tx.run(null, "run a transaction of no profile", work);
    }

    /** Closes the store: later calls throw {@link IllegalStateException}. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                LOG.warn("Closing the alert store's database {} failed: {}", tx.url(), e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "AlertStore[" + tx.url() + "]";
    }
}
