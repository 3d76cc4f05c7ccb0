package io.ppcanomaly.notify.spi;

import io.ppcanomaly.notify.Notifier;
import java.util.Properties;
import java.util.Set;

/**
 * A factory of one kind of {@link Notifier}, found through {@link java.util.ServiceLoader}: register it in
 * {@code META-INF/services/io.ppcanomaly.notify.spi.NotifierProvider}. A cheap public no-arg constructor, a stable
 * {@link #name()}; stateless and thread-safe.
 */
public interface NotifierProvider {

    /** @return the name routes select it by ({@code route.<name>.type}), e.g. {@code slack} */
    String name();

    /** @return one line on where it sends */
    String description();

    /** @return the option keys {@link #create} accepts, for help and for refusing a misspelled one */
    Set<String> options();

    /**
     * Creates a notifier.
     *
     * @param options its options (a route's keys without the {@code route.<name>.} prefix and the route's own keys)
     * @throws IllegalArgumentException for an unknown key, a missing required one or an invalid value, naming the
     *                                  key and the value (secrets are never repeated)
     */
    Notifier create(Properties options);
}
