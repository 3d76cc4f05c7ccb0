/**
 * Alert severity from rarity and money at stake: {@link io.ppcanomaly.ensemble.severity.SeverityPolicy}.
 * Self-contained (it depends only on {@link io.ppcanomaly.api.Severity}) so that it can move to anomaly-api,
 * where the service module can reach it without depending on the ensemble.
 */
package io.ppcanomaly.ensemble.severity;
