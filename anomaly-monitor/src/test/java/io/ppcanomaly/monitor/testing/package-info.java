/** Test fixtures of the monitor: databases, accounts, configurations, a movable clock. */
package io.ppcanomaly.monitor.testing;
