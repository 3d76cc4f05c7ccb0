package io.ppcanomaly.monitor;

import io.ppcanomaly.service.source.MetricSource;

/** Gives the monitor the metric source of each profile (one source may serve every profile). */
@FunctionalInterface
public interface MetricSourceFactory {

    /**
     * @return the source holding the profile's metrics (the monitor queries it with the profile's
     *         {@link ProfileSettings#sourceProfile()})
     */
    MetricSource sourceFor(ProfileSettings profile);
}
