package io.ppcanomaly.cli;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.service.source.AccountAssembler;
import io.ppcanomaly.store.AlertFilter;
import io.ppcanomaly.store.AlertNotFoundException;
import io.ppcanomaly.store.AlertPage;
import io.ppcanomaly.store.AlertStatus;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.ArchiveResult;
import io.ppcanomaly.store.IncidentFilter;
import io.ppcanomaly.store.IncidentPage;
import io.ppcanomaly.store.Page;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.Resolution;
import io.ppcanomaly.store.StoredAlert;
import io.ppcanomaly.store.TrainingExample;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code alerts}: the alert store from the command line — the feed, one alert, its lifecycle, feedback,
 * statistics, archiving and incidents. Every subcommand names the store and the profile; each is one store call.
 */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = {"Works on the alerts 'detect --store' saved: list the active ones, show one, acknowledge, "
                + "resolve, label, count, archive; list and show incidents.",
            "Every subcommand takes --store DIR|JDBC_URL and --profile ID (default: '"
                    + AccountAssembler.DEFAULT_PROFILE + "', the profile of reports without a profile_id column)."},
        subcommands = {AlertsCommand.ListAlerts.class, AlertsCommand.Show.class, AlertsCommand.Ack.class,
            AlertsCommand.Resolve.class, AlertsCommand.Reopen.class, AlertsCommand.Label.class,
            AlertsCommand.Stats.class, AlertsCommand.Archive.class, AlertsCommand.Incidents.class,
            AlertsCommand.ShowIncident.class})
final class AlertsCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: list, show, ack, "
                + "resolve, reopen, feedback, stats, archive, incidents or incident");
    }

    /** What every subcommand takes: the store and the profile. */
    static final class Target {
        @Mixin
        StoreOptions store;

        @Option(names = "--profile", paramLabel = "ID", defaultValue = AccountAssembler.DEFAULT_PROFILE,
                description = "The advertiser profile (default: ${DEFAULT-VALUE}).")
        String profile;

        ProfileId profile(CommandLine cl) {
            try {
                return ProfileId.of(profile);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, "--profile: " + e.getMessage());
            }
        }
    }

    /** A subcommand: opens the store, runs one call, prints, closes. */
    abstract static class Sub implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Target target;

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            ProfileId p = target.profile(cl);
            try (AlertStore store = target.store.open(cl)) {
                PrintWriter out = cl.getOut();
                run(store, p, out);
                out.flush();
            }
            return AnomalyCli.EXIT_OK;
        }

        abstract void run(AlertStore store, ProfileId profile, PrintWriter out);
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The active (open and acknowledged) alerts: most severe first, then most money at stake.")
    static final class ListAlerts extends Sub {
        @Option(names = "--min-severity", paramLabel = "low|medium|high|critical", description = "Only this "
                + "severity or higher.")
        String minSeverity;

        @Option(names = "--entity-type", paramLabel = "LEVEL", converter = Converters.Level.class,
                description = "Only this level: keyword, ad_group, campaign, portfolio.")
        EntityType entityType;

        @Option(names = "--status", paramLabel = "open|acknowledged", description = "Only this status.")
        String status;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "Rows (default 50).")
        int limit;

        @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "Rows skipped (paging).")
        int offset;

        @Override
        void run(AlertStore store, ProfileId profile, PrintWriter out) {
            AlertFilter f;
            Page page;
            try {
                f = AlertFilter.builder().entityType(entityType).minSeverity(minSeverity)
                        .status(status == null ? null : AlertStatus.parse(status)).build();
                page = new Page(offset, limit);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            AlertPage r = store.active(profile, f, page);
            out.print(AlertsOutput.alerts(r.alerts()));
            out.printf("%d active alert%s shown%s%n", r.alerts().size(), r.alerts().size() == 1 ? "" : "s",
                    r.hasMore() ? "; more with --offset " + (offset + limit) : "");
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One alert, live or archived.")
    static final class Show extends Sub {
        @Parameters(paramLabel = "ID", description = "The alert's id.")
        long id;

        @Override
        void run(AlertStore store, ProfileId profile, PrintWriter out) {
            StoredAlert a = store.get(profile, id).orElseThrow(() -> new AlertNotFoundException(profile, id));
            out.print(AlertsOutput.alert(a));
        }
    }

    @Command(name = "ack", mixinStandardHelpOptions = true, description = "Acknowledge an open alert.")
    static final class Ack extends Sub {
        @Parameters(paramLabel = "ID", description = "The alert's id.")
        long id;

        @Option(names = "--by", paramLabel = "WHO", required = true, description = "Who acknowledges it.")
        String by;

        @Override
        void run(AlertStore store, ProfileId profile, PrintWriter out) {
            StoredAlert a = store.acknowledge(profile, id, by);
            out.printf("Alert %d acknowledged by %s (version %d).%n", a.id(), a.acknowledgedBy(), a.version());
        }
    }

    @Command(name = "resolve", mixinStandardHelpOptions = true, description = "Resolve an open or acknowledged "
            + "alert.")
    static final class Resolve extends Sub {
        @Parameters(paramLabel = "ID", description = "The alert's id.")
        long id;

        @Option(names = "--by", paramLabel = "WHO", required = true, description = "Who resolves it.")
        String by;

        @Option(names = "--note", paramLabel = "TEXT", description = "What was done.")
        String note;

        @Option(names = "--revenue-impact", paramLabel = "AMOUNT", description = "Revenue won or lost (negative).")
        Double revenueImpact;

        @Override
        void run(AlertStore store, ProfileId profile, PrintWriter out) {
            Resolution.Builder b = Resolution.by(by).note(note);
            if (revenueImpact != null) {
                b.revenueImpact(revenueImpact);
            }
            StoredAlert a = store.resolve(profile, id, b.build());
            out.printf("Alert %d resolved by %s after %s (version %d).%n", a.id(), a.resolvedBy(),
                    AlertsOutput.duration(a.timeToResolve().orElse(Duration.ZERO)), a.version());
        }
    }

    @Command(name = "reopen", mixinStandardHelpOptions = true, description = "Reopen an acknowledged or resolved "
            + "alert.")
    static final class Reopen extends Sub {
        @Parameters(paramLabel = "ID", description = "The alert's id.")
        long id;

        @Override
        void run(AlertStore store, ProfileId profile, PrintWriter out) {
            StoredAlert a = store.reopen(profile, id);
            out.printf("Alert %d is open again (version %d).%n", a.id(), a.version());
        }
    }

    @Command(name = "feedback", mixinStandardHelpOptions = true,
            description = "Label an alert: true (a real anomaly) or false (a false alarm). The label and the window "
                    + "the detector saw become a training example.")
    static final class Label extends Sub {
        @Parameters(index = "0", paramLabel = "ID", description = "The alert's id.")
        long id;

        @Parameters(index = "1", paramLabel = "true|false", description = "Whether it is a true anomaly.")
        String label;

        @Option(names = "--by", paramLabel = "WHO", required = true, description = "Who labels it.")
        String by;

        @Override
        void run(AlertStore store, ProfileId profile, PrintWriter out) {
            boolean yes;
            if (label.equalsIgnoreCase("true")) {
                yes = true;
            } else if (label.equalsIgnoreCase("false")) {
                yes = false;
            } else {
                throw new CommandLine.ParameterException(spec.commandLine(), "label must be true or false, got '"
                        + label + "'");
            }
            TrainingExample t = store.feedback(profile, id, yes, by);
            out.printf("Alert %d labelled %s by %s: a training example for %s '%s' at %s.%n", t.alertId(),
                    yes ? "a true anomaly" : "a false alarm", t.labelledBy(), t.entityType().wireName(), t.entityId(),
                    t.period());
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Counts of the alerts first seen in a range of days, live and archived.")
    static final class Stats extends Sub {
        @Option(names = "--from", paramLabel = "DATE", description = "First day (default: 364 days before --to).")
        LocalDate from;

        @Option(names = "--to", paramLabel = "DATE", description = "Last day (default: today, UTC).")
        LocalDate to;

        @Override
        void run(AlertStore store, ProfileId profile, PrintWriter out) {
            LocalDate t = to != null ? to : LocalDate.now(Clock.systemUTC());
            LocalDate f = from != null ? from : t.minusDays(364);
            try {
                out.print(AlertsOutput.statistics(store.statistics(profile, f, t)));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
    }

    @Command(name = "archive", mixinStandardHelpOptions = true,
            description = "Move alerts resolved longer ago than the retention (default 90 days) to history.")
    static final class Archive extends Sub {
        @Option(names = "--older-than-days", paramLabel = "N", description = "Archive alerts resolved more than N "
                + "days ago instead (0: every resolved alert).")
        Integer days;

        @Override
        void run(AlertStore store, ProfileId profile, PrintWriter out) {
            if (days != null && days < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--older-than-days must be >= 0, got "
                        + days);
            }
            ArchiveResult r = days == null ? store.archive(profile)
                    : store.archive(profile, java.time.Instant.now().minus(Duration.ofDays(days)));
            out.printf("Archived %d resolved alert%s; %d history row%s deleted by retention.%n", r.archived(),
                    r.archived() == 1 ? "" : "s", r.historyDeleted(), r.historyDeleted() == 1 ? "" : "s");
        }
    }

    @Command(name = "incidents", mixinStandardHelpOptions = true,
            description = "Incidents: alerts sharing a root cause and touching in time. Latest first.")
    static final class Incidents extends Sub {
        @Option(names = "--ongoing", description = "Only incidents a later run may still continue.")
        boolean ongoing;

        @Option(names = "--min-severity", paramLabel = "low|medium|high|critical", description = "Only this peak "
                + "severity or higher.")
        String minSeverity;

        @Option(names = "--since", paramLabel = "DATE", converter = Converters.Period.class,
                description = "Only incidents alerted on or after this day.")
        LocalDateTime since;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "Rows (default 50).")
        int limit;

        @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "Rows skipped (paging).")
        int offset;

        @Override
        void run(AlertStore store, ProfileId profile, PrintWriter out) {
            IncidentFilter f = ongoing ? IncidentFilter.ONGOING : IncidentFilter.ALL;
            Page page;
            try {
                f = f.withMinSeverity(minSeverity == null ? null : Severity.parse(minSeverity)).withSince(since);
                page = new Page(offset, limit);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            IncidentPage r = store.incidents(profile, f, page);
            out.print(AlertsOutput.incidents(r.incidents()));
            out.printf("%d incident%s shown%s%n", r.incidents().size(), r.incidents().size() == 1 ? "" : "s",
                    r.hasMore() ? "; more with --offset " + (offset + limit) : "");
        }
    }

    @Command(name = "incident", mixinStandardHelpOptions = true, description = "One incident with its alerts.")
    static final class ShowIncident extends Sub {
        @Parameters(paramLabel = "ID", description = "The incident's id (inc-...).")
        String id;

        @Override
        void run(AlertStore store, ProfileId profile, PrintWriter out) {
            out.print(AlertsOutput.incident(store.incident(profile, id).orElseThrow(() ->
                    new IllegalArgumentException("profile " + profile + " holds no incident " + id))));
        }
    }
}
