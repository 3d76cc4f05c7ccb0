/**
 * Generic scoring of any numeric table or time series with any detector, in batch or causal streaming mode:
 * {@link io.ppcanomaly.service.table.TableScorer}. The command line's {@code score} runs on it.
 */
package io.ppcanomaly.service.table;
