/**
 * Routes: which profiles and levels a destination hears, the severity and money at stake worth its attention, and
 * its cadence (immediate, or a daily or weekly digest on a {@link io.ppcanomaly.notify.routing.DigestSchedule}).
 */
package io.ppcanomaly.notify.routing;
