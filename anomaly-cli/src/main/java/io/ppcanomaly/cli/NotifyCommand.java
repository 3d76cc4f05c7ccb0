package io.ppcanomaly.cli;

import io.ppcanomaly.monitor.MonitorConfig;
import io.ppcanomaly.monitor.ProfileSettings;
import io.ppcanomaly.monitor.source.MonitorStores;
import io.ppcanomaly.notify.DeliveryException;
import io.ppcanomaly.notify.NotificationRunner;
import io.ppcanomaly.notify.Notifications;
import io.ppcanomaly.notify.NotifyConfig;
import io.ppcanomaly.notify.outbox.NotificationStore;
import io.ppcanomaly.notify.outbox.OutboxMessage;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.Page;
import io.ppcanomaly.store.ProfileId;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code notify}: the notification routes of a monitor configuration — send a test message through a route, list
 * dead messages, send a dead one again, run one dispatch round (for cron after {@code run-once}).
 */
@Command(name = "notify", mixinStandardHelpOptions = true,
        description = {"Works on the notifications a monitor.properties configures (route.<name>.* and notify.* keys, "
                + "see the anomaly-notify README): test a route, list dead messages, retry one, send what is due."},
        subcommands = {NotifyCommand.Test.class, NotifyCommand.Dead.class, NotifyCommand.Retry.class,
            NotifyCommand.Send.class})
final class NotifyCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: test, dead, retry or "
                + "send");
    }

    /** Reads the configuration file's monitor and notification settings. */
    static final class Setup {
        final MonitorConfig monitor;
        final NotifyConfig notify;

        private Setup(MonitorConfig monitor, NotifyConfig notify) {
            this.monitor = monitor;
            this.notify = notify;
        }

        static Setup read(CommandLine cl, Path file) {
            if (file == null || !Files.isRegularFile(file)) {
                throw new CommandLine.ParameterException(cl, "--config must be a readable monitor.properties file, "
                        + "got '" + file + "'");
            }
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, file + " cannot be read: " + e.getMessage());
            }
            try {
                MonitorConfig m = MonitorConfig.of(p);
                NotifyConfig n = NotifyConfig.parse(m.extensionKeys());
                if (n.routes().isEmpty()) {
                    throw new CommandLine.ParameterException(cl, file + " configures no notification route "
                            + "(route.<name>.type=slack|webhook|email)");
                }
                return new Setup(m, n);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, file + ": " + e.getMessage());
            }
        }

        AlertStore openStore(CommandLine cl) {
            try {
                return MonitorStores.open(monitor.storeKeys(), Clock.systemUTC());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, e.getMessage());
            }
        }

        List<ProfileId> profiles(CommandLine cl, String only) {
            List<ProfileId> out = new ArrayList<>();
            for (ProfileSettings s : monitor.profiles()) {
                if (only == null || s.id().value().equals(only)) {
                    out.add(s.id());
                }
            }
            if (only != null && out.isEmpty()) {
                throw new CommandLine.ParameterException(cl, "--profile must be one of the configured profiles, got '"
                        + only + "'");
            }
            return out;
        }
    }

    /** What the subcommands share. */
    abstract static class Sub implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--config", paramLabel = "FILE", required = true,
                description = "monitor.properties with route.<name>.* keys.")
        Path config;
    }

    /** {@code notify test --route NAME}. */
    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Sends a sample message (a made-up incident marked [TEST]) through a route now, without the "
                    + "outbox; exit code 1 when the destination refused it.")
    static final class Test extends Sub {
        @Option(names = "--route", paramLabel = "NAME", required = true, description = "The route.")
        String route;

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            return sendTest(cl, Setup.read(cl, config).notify, route);
        }
    }

    static int sendTest(CommandLine cl, NotifyConfig config, String route) {
        if (config.route(route).isEmpty()) {
            throw new CommandLine.ParameterException(cl, "--route must be one of " + config.routeNames() + ", got '"
                    + route + "'");
        }
        PrintWriter out = cl.getOut();
        try (Notifications n = Notifications.create(config)) {
            String id = n.sendTest(route, Clock.systemUTC());
            out.println("Sent a test message through route " + route + " (" + n.notifier(route).describe()
                    + "), delivery id " + id);
            return 0;
        } catch (DeliveryException e) {
            cl.getErr().println("Route " + route + " did not accept the test message ("
                    + (e.retryable() ? "may pass later" : "will not pass as configured") + "): " + e.getMessage());
            return 1;
        }
    }

    /** {@code notify dead}. */
    @Command(name = "dead", mixinStandardHelpOptions = true,
            description = "Lists the messages given up on (the most recent first), with their route, attempts and last "
                    + "error.")
    static final class Dead extends Sub {
        @Option(names = "--profile", paramLabel = "ID", description = "Only this profile (default: every configured "
                + "one).")
        String profile;

        @Option(names = "--limit", defaultValue = "50", description = "Rows per profile (default ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            Setup s = Setup.read(cl, config);
            PrintWriter out = cl.getOut();
            int n = 0;
            try (AlertStore store = s.openStore(cl)) {
                NotificationStore tables = new NotificationStore(store);
                for (ProfileId p : s.profiles(cl, profile)) {
                    for (OutboxMessage m : tables.dead(p, Page.first(limit))) {
                        out.printf(Locale.ROOT, "%s\t#%d\t%s\t%s\t%d attempts\t%s\t%s\t%s%n", p, m.id(), m.route(),
                                m.deadAt(), m.attempts(), m.deliveryId(), m.title(), m.lastError());
                        n++;
                    }
                }
            }
            out.println(n + (n == 1 ? " dead message" : " dead messages"));
            return 0;
        }
    }

    /** {@code notify retry ID}. */
    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = "Queues a dead message again (same delivery id, attempts from zero); the next dispatch "
                    + "round sends it.")
    static final class Retry extends Sub {
        @Option(names = "--profile", paramLabel = "ID", required = true, description = "The message's profile.")
        String profile;

        @Parameters(paramLabel = "ID", description = "The dead message's id (from 'notify dead').")
        long id;

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            Setup s = Setup.read(cl, config);
            ProfileId p = s.profiles(cl, profile).get(0);
            try (AlertStore store = s.openStore(cl)) {
                if (!new NotificationStore(store).retry(p, id)) {
                    cl.getErr().println("Profile " + p + " holds no dead message #" + id);
                    return 1;
                }
            }
            cl.getOut().println("Message #" + id + " of profile " + p + " queued again");
            return 0;
        }
    }

    /** {@code notify send}. */
    @Command(name = "send", mixinStandardHelpOptions = true,
            description = "Runs one notification round for every configured profile: due digests, then everything due "
                    + "in the outbox. For cron after run-once (the monitor daemon does this on its own).")
    static final class Send extends Sub {
        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            Setup s = Setup.read(cl, config);
            try (AlertStore store = s.openStore(cl);
                 Notifications n = Notifications.create(s.notify);
                 NotificationRunner runner = n.runner(store)) {
                NotificationRunner.Round r = runner.runOnce(s.profiles(cl, null));
                cl.getOut().printf(Locale.ROOT, "%d digests written; %d sent, %d to retry, %d dead, %d handed back%n",
                        r.digests(), r.dispatch().sent(), r.dispatch().retried(), r.dispatch().dead(),
                        r.dispatch().released());
                return r.failures() > 0 || r.dispatch().dead() > 0 ? 1 : 0;
            }
        }
    }
}
