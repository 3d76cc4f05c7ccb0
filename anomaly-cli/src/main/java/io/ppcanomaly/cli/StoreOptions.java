package io.ppcanomaly.cli;

import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.service.DetectionReport;
import io.ppcanomaly.service.incident.Incident;
import io.ppcanomaly.service.source.AccountAssembler;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.MetricQuery;
import io.ppcanomaly.service.source.MetricSource;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.SaveResult;
import io.ppcanomaly.store.StoreConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --store DIR|JDBC_URL}: where alerts are kept. A directory is the embedded H2 file database
 * ({@code DIR/ppc-anomaly.mv.db}, created when missing); a {@code jdbc:} URL any database the store supports
 * ({@code jdbc:postgresql://host:5432/db?user=…&password=…}).
 */
final class StoreOptions {

    @Option(names = "--store", paramLabel = "DIR|JDBC_URL",
            description = "Alert store: a directory (the embedded H2 database, created when missing) or a JDBC URL "
                    + "such as jdbc:postgresql://host:5432/db?user=app&password=...")
    String store;

    /** @return whether {@code --store} was given */
    boolean given() {
        return store != null;
    }

    /**
     * Opens the store, migrating its schema.
     *
     * @throws CommandLine.ParameterException when {@code --store} is missing or names a file
     */
    AlertStore open(CommandLine cl) {
        if (store == null || store.isBlank()) {
            throw new CommandLine.ParameterException(cl, "--store is required: a directory (embedded database) or "
                    + "a JDBC URL");
        }
        if (store.startsWith("jdbc:")) {
            return AlertStore.open(store, StoreConfig.DEFAULT);
        }
        try {
            return AlertStore.embedded(Path.of(store));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--store: " + e.getMessage());
        }
    }

    /**
     * Prepares a detection run that saves into the store: learns the data's profile (reading the source once; the
     * run reads the same load again from memory) and the incidents the store holds open for it.
     *
     * @param profile the {@code --profile} given, or {@code null}
     * @param asOf    the {@code --as-of} given, or {@code null}
     * @return the run; without {@code --store} the source as given and no incidents
     * @throws CommandLine.ParameterException when the data holds several profiles and none was chosen
     */
    Run begin(CommandLine cl, MetricSource source, String profile, LocalDateTime asOf) throws IOException {
        if (!given()) {
            return new Run(null, source, List.of());
        }
        OnceSource once = new OnceSource(source);
        String p = profile;
        if (p == null) {
            AccountData data = once.load(new MetricQuery(null, asOf));
            TreeSet<String> profiles = new TreeSet<>();
            for (Entity e : data.graph().entities(EntityType.PROFILE)) {
                profiles.add(e.id());
            }
            if (profiles.size() > 1) {
                throw new CommandLine.ParameterException(cl, "the report holds " + profiles.size() + " profiles "
                        + profiles + ": with --store, detect one at a time with --profile ID");
            }
            p = profiles.isEmpty() ? AccountAssembler.DEFAULT_PROFILE : profiles.first();
        }
        ProfileId id;
        try {
            id = ProfileId.of(p);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--profile: " + e.getMessage());
        }
        try (AlertStore s = open(cl)) {
            return new Run(id, once, s.ongoingIncidents(id));
        }
    }

    /**
     * Saves a run's alerts and incidents and says on {@code out} what was stored; nothing without {@code --store}.
     */
    void save(CommandLine cl, Run run, DetectionReport report, PrintWriter out) {
        if (!given()) {
            return;
        }
        try (AlertStore s = open(cl)) {
            SaveResult r = s.save(run.profile(), report);
            long ongoing = report.incidents().stream().filter(Incident::ongoing).count();
            out.printf("Stored in %s under profile %s: %d alerts opened, %d continued (%d escalated), %d already "
                            + "stored; %d incidents (%d ongoing).%nNext: alerts list --store %s --profile %s%n",
                    store, run.profile(), r.opened().size(), r.continued().size(), r.escalated().size(),
                    r.alreadyStored(), report.incidents().size(), ongoing, store, run.profile());
        }
    }

    /**
     * A detection run's link to the store: the profile it saves under, the source to detect from, and the
     * incidents the store holds ongoing for the profile (the run continues them).
     *
     * @param profile the profile saved under, or {@code null} without {@code --store}
     * @param source  what the run reads
     * @param ongoing the incidents to continue
     */
    record Run(ProfileId profile, MetricSource source, List<Incident> ongoing) {
    }

    /**
     * A source that keeps its last load, so that learning the data's profile before a run costs no second read.
     * The service asks for the same query when {@code --profile} is not given.
     */
    private static final class OnceSource implements MetricSource {
        private final MetricSource delegate;
        private MetricQuery query;
        private AccountData data;

        OnceSource(MetricSource delegate) {
            this.delegate = Objects.requireNonNull(delegate, "source");
        }

        @Override
        public String description() {
            return delegate.description();
        }

        @Override
        public synchronized AccountData load(MetricQuery q) throws IOException {
            if (data != null && q.equals(query)) {
                return data;
            }
            data = delegate.load(q);
            query = q;
            return data;
        }
    }
}
