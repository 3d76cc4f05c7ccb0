/**
 * Retraining's rules: how people's labels shape a challenger's training, and when a challenger beats the champion.
 */
package io.ppcanomaly.monitor.retrain;
