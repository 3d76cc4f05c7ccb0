package io.ppcanomaly.notify;

import io.ppcanomaly.notify.message.Notification;
import io.ppcanomaly.notify.outbox.DigestRunner;
import io.ppcanomaly.notify.outbox.OutboxDispatcher;
import io.ppcanomaly.notify.outbox.OutboxHook;
import io.ppcanomaly.notify.routing.Route;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.SaveHook;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifications of stored alerts, as one object: the routes and their notifiers, the {@link SaveHook} that writes
 * messages in the transaction storing the alerts, and what sends them.
 *
 * <pre>{@code
 * Notifications notifications = Notifications.fromProperties(props);          // notify.* and route.* keys
 * AlertStore store = AlertStore.open(dataSource, StoreConfig.builder()
 *         .hook(notifications.saveHook()).build());                           // outbox rows with the alerts
 * try (NotificationRunner runner = notifications.start(store, () -> List.of(profile))) {
 *     store.save(profile, report);                                            // writes alerts + messages
 *     runner.wake();                                                          // send now rather than in 5 s
 * }
 * }</pre>
 *
 * Or, with a scheduler of one's own (the monitor's jobs): {@link #runner(AlertStore)} and
 * {@link NotificationRunner#runOnce(Collection)} every {@link DispatchSettings#interval()}.
 * {@link io.ppcanomaly.notify.outbox.NotificationStore} lists dead messages and keeps mutes without any of this.
 *
 * <p>Thread-safe. {@link #close()} closes the notifiers.
 */
public final class Notifications implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

    private final NotifyConfig config;
    private final Map<String, Notifier> notifiers;
    private final OutboxHook hook;

    private Notifications(NotifyConfig config, Map<String, Notifier> notifiers) {
        this.config = config;
        this.notifiers = notifiers;
        this.hook = new OutboxHook(config.routes(), config.dispatch().maxAlerts());
    }

    /**
     * Creates the routes' notifiers.
     *
     * @throws IllegalArgumentException when a route's notifier cannot be created from its options
     */
    public static Notifications create(NotifyConfig config) {
        Objects.requireNonNull(config, "config");
        Map<String, Notifier> notifiers = new LinkedHashMap<>();
        try {
            for (Route r : config.routes()) {
                notifiers.put(r.name(), Notifiers.create(r.type(), r.options()));
            }
        } catch (RuntimeException e) {
            notifiers.values().forEach(Notifier::close);
            throw e;
        }
        Notifications n = new Notifications(config, Map.copyOf(notifiers));
        for (Route r : config.routes()) {
            LOG.info("Notification route {}: {} ({})", r.name(), notifiers.get(r.name()).describe(), r);
        }
        return n;
    }

    /**
     * {@link NotifyConfig#parse} then {@link #create}.
     *
     * @throws IllegalArgumentException naming the key and value of a bad setting
     */
    public static Notifications fromProperties(Properties keys) {
        return create(NotifyConfig.parse(keys));
    }

    /** @return the configuration */
    public NotifyConfig config() {
        return config;
    }

    /** @return whether any route is configured (without routes nothing is ever written or sent) */
    public boolean hasRoutes() {
        return !config.routes().isEmpty();
    }

    /**
     * @return the hook writing outbox rows and digest items inside each save's transaction: register it in the
     *         store's {@code StoreConfig} (every save) or pass it to {@code save} (per call)
     */
    public SaveHook saveHook() {
        return hook;
    }

    /**
     * @return the route's notifier
     * @throws IllegalArgumentException for an unknown route, listing the configured ones
     */
    public Notifier notifier(String route) {
        Notifier n = notifiers.get(route);
        if (n == null) {
            throw new IllegalArgumentException("route must be one of " + config.routeNames() + ", got '" + route + "'");
        }
        return n;
    }

    /** @return a new dispatcher of this configuration's routes on {@code store} (the caller closes it) */
    public OutboxDispatcher dispatcher(AlertStore store) {
        return OutboxDispatcher.builder(store, notifiers).settings(config.dispatch()).retry(config.retry()).build();
    }

    /** @return what writes this configuration's due digests on {@code store} */
    public DigestRunner digests(AlertStore store) {
        return new DigestRunner(store, config.routes(), config.dispatch().maxAlerts());
    }

    /**
     * @return a runner of digests, dispatch and purging on {@code store}, not scheduled: call
     *         {@link NotificationRunner#runOnce} from a scheduler of your own (the caller closes it)
     */
    public NotificationRunner runner(AlertStore store) {
        return new NotificationRunner(store, this, null);
    }

    /**
     * Starts a background thread running digests, dispatch and (daily) purging of {@code profiles} every
     * {@link DispatchSettings#interval()}.
     *
     * @param profiles the profiles to serve, asked before each run (e.g. the configured {@code notify.profiles})
     * @return the running runner; close it to stop
     */
    public NotificationRunner start(AlertStore store, Supplier<? extends Collection<ProfileId>> profiles) {
        Objects.requireNonNull(profiles, "profiles");
        NotificationRunner r = new NotificationRunner(store, this, profiles);
        r.start();
        return r;
    }

    /**
     * Sends a made-up incident marked as a test through a route, at once and without the outbox: to check that a
     * route reaches its destination.
     *
     * @return the delivery id it carried
     * @throws IllegalArgumentException for an unknown route
     * @throws DeliveryException        when the destination refused it (the message says why)
     */
    public String sendTest(String route, Clock clock) throws DeliveryException {
        Notifier n = notifier(route);
        String id = "test-" + UUID.randomUUID();
        n.send(sample(route, clock), new Delivery(id, 1, route));
        return id;
    }

    /** @return the test message {@link #sendTest} sends through {@code route} */
    public static Notification sample(String route, Clock clock) {
        return SampleMessage.of(route, clock.instant());
    }

    /** @return the routes' names and where they send, for logs and the command line */
    public List<String> describeRoutes() {
        return config.routes().stream().map(r -> r.name() + ": " + notifiers.get(r.name()).describe() + ", "
                + r.cadence().wireName()).toList();
    }

    /** Closes the notifiers. */
    @Override
    public void close() {
        notifiers.values().forEach(Notifier::close);
    }
}
