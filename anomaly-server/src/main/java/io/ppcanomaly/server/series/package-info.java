/** What the alert page draws: the alerted entity's series, baseline and path up the hierarchy. */
package io.ppcanomaly.server.series;
