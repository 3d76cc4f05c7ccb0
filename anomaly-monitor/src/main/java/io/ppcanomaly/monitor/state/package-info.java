/**
 * The monitor's live state per profile and level — watermark, learnt model, anomalies still running — and its
 * ledger of judged periods, written in the same transaction as a run's alerts.
 */
package io.ppcanomaly.monitor.state;
