package io.ppcanomaly.notify;

import io.ppcanomaly.notify.routing.Route;
import io.ppcanomaly.store.ProfileId;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Notification settings: the routes, how the dispatcher works, how failures are retried, and the profiles a
 * dispatcher running on its own serves. Immutable; {@link #parse(Properties)} reads the {@code notify.*} and
 * {@code route.<name>.*} keys of a configuration file (the monitor's, or one of its own):
 *
 * <pre>
 * notify.base-url=https://anomaly.example.com     # links to alerts: base + /alerts/{id}
 * notify.profiles=3712345678901234                 # profiles a stand-alone dispatcher serves
 * notify.retry.max-attempts=12                     # then the message is dead, with its last error
 * notify.retry.initial-delay=10s                   # doubling, with jitter, up to
 * notify.retry.max-delay=30m
 * notify.dispatch.interval=5s | .batch=50 | .parallelism=4 | .lease=5m
 * notify.max-alerts=100                            # alerts listed per message
 * notify.retention=30d                             # purge sent messages after
 *
 * route.oncall.type=slack                          # a notifier: slack, webhook, email, …
 * route.oncall.url=https://hooks.slack.com/services/…   # the notifier's own options
 * route.oncall.min-severity=high                   # low | medium | high | critical
 * route.oncall.min-money=500                       # money at stake of the incident
 * route.oncall.match=all                           # all: both thresholds; any: either
 * route.oncall.levels=keyword,campaign             # default: every level
 * route.oncall.profiles=3712345678901234           # default: every profile
 * route.oncall.cadence=immediate                   # immediate | daily | weekly
 * route.team.cadence=daily
 * route.team.digest-at=08:00                       # when the day (or week) ends
 * route.team.digest-day=monday                     # weekly digests
 * route.team.time-zone=Europe/Berlin               # default UTC
 * </pre>
 *
 * @param routes   the routes, in name order; names unique
 * @param dispatch the dispatcher's settings
 * @param retry    back-off and attempts
 * @param profiles the profiles a stand-alone dispatcher serves ({@code notify.profiles}); the monitor passes its own
 */
public record NotifyConfig(List<Route> routes, DispatchSettings dispatch, RetryPolicy retry, List<ProfileId> profiles) {

    /** Validates and freezes. */
    public NotifyConfig {
        routes = List.copyOf(routes);
        Objects.requireNonNull(dispatch, "dispatch");
        Objects.requireNonNull(retry, "retry");
        profiles = List.copyOf(profiles);
        Set<String> names = new HashSet<>();
        for (Route r : routes) {
            if (!names.add(r.name())) {
                throw new IllegalArgumentException("route names must be unique, got '" + r.name() + "' twice");
            }
        }
    }

    /**
     * Reads the {@code notify.*} and {@code route.*} keys (other keys are left to their owners); each notifier's
     * options are checked by creating it once.
     *
     * @throws IllegalArgumentException naming the key and the value of a bad or unknown setting (secrets are not
     *                                  repeated)
     */
    public static NotifyConfig parse(Properties keys) {
        return ConfigParser.parse(keys);
    }

    /** @return the route of this name */
    public Optional<Route> route(String name) {
        return routes.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** @return the route names */
    public List<String> routeNames() {
        return routes.stream().map(Route::name).toList();
    }
}
