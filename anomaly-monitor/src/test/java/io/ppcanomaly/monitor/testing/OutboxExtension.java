package io.ppcanomaly.monitor.testing;

import io.ppcanomaly.monitor.RunResult;
import io.ppcanomaly.monitor.spi.MonitorContext;
import io.ppcanomaly.monitor.spi.MonitorExtension;
import io.ppcanomaly.monitor.spi.MonitorExtensionProvider;
import io.ppcanomaly.monitor.spi.MonitorJob;
import io.ppcanomaly.store.SaveHook;
import io.ppcanomaly.store.StoredAlert;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A notification-like extension for tests, built the way {@code anomaly-notify} plugs in: it claims the {@code notify.}
 * and {@code route.} keys, writes an outbox row per opened or escalated alert in the run's transaction (into a table
 * the test creates), runs a "dispatcher" job and hears every run. With {@code notify.fail=true} its hook throws.
 */
public final class OutboxExtension implements MonitorExtension {

    /** Extensions created by the provider, newest last. */
    public static final List<OutboxExtension> CREATED = new CopyOnWriteArrayList<>();

    /** The keys it was given. */
    public final Properties keys;
    /** Runs heard. */
    public final List<RunResult> runs = new CopyOnWriteArrayList<>();
    /** Dispatcher runs. */
    public final AtomicInteger dispatched = new AtomicInteger();
    private final boolean fail;

    OutboxExtension(Properties keys) {
        this.keys = keys;
        this.fail = Boolean.parseBoolean(keys.getProperty("notify.fail", "false"));
    }

    @Override
    public List<SaveHook> saveHooks() {
        return List.of((tx, saved) -> {
            try (PreparedStatement ps = tx.connection().prepareStatement("INSERT INTO test_outbox (profile_id, "
                    + "alert_id, kind) VALUES (?, ?, ?)")) {
                for (StoredAlert a : saved.opened()) {
                    ps.setString(1, tx.profile().value());
                    ps.setLong(2, a.id());
                    ps.setString(3, "opened");
                    ps.addBatch();
                }
                for (StoredAlert a : saved.escalated()) {
                    ps.setString(1, tx.profile().value());
                    ps.setLong(2, a.id());
                    ps.setString(3, "escalated");
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            if (fail) {
                throw new IllegalStateException("the outbox hook failed on purpose");
            }
        });
    }

    @Override
    public List<MonitorJob> jobs() {
        return List.of(new MonitorJob("test-dispatcher", Duration.ofMillis(50), dispatched::incrementAndGet));
    }

    @Override
    public void afterRun(RunResult result) {
        runs.add(result);
    }

    /** Creates the extension when any {@code route.*} key is given (no route: notifications off). */
    public static final class Provider implements MonitorExtensionProvider {

        @Override
        public String name() {
            return "test-outbox";
        }

        @Override
        public Set<String> keyPrefixes() {
            return Set.of("notify.", "route.");
        }

        @Override
        public MonitorExtension create(MonitorContext context, Properties keys) {
            boolean routes = keys.stringPropertyNames().stream().anyMatch(k -> k.startsWith("route."));
            if (!routes) {
                return null;
            }
            if ("bad".equals(keys.getProperty("route.oncall.type"))) {
                throw new IllegalArgumentException("monitor config key 'route.oncall.type' must be slack, webhook or "
                        + "email, got 'bad'");
            }
            OutboxExtension e = new OutboxExtension(keys);
            CREATED.add(e);
            return e;
        }
    }
}
