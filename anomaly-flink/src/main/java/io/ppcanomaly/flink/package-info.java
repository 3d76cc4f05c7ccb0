/**
 * The detection job as an Apache Flink 2.x DataStream pipeline ({@link io.ppcanomaly.flink.PpcAnomalyPipeline}):
 * keyword events with event-time watermarks, keyed by profile: roll-ups per period in keyed state once the period
 * is complete (its end plus the allowed lateness; later events to a side output), detection per profile with the library's per-period step
 * ({@code io.ppcanomaly.service.PeriodJudge}) over keyed state, models on a broadcast stream, alerts to a JSON-lines
 * file sink and an idempotent {@code AlertStore} sink. {@link io.ppcanomaly.flink.PpcAnomalyJob} runs it on a
 * cluster.
 */
package io.ppcanomaly.flink;
