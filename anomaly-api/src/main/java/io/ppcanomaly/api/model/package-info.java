/**
 * The PPC domain: entities and their hierarchy ({@link io.ppcanomaly.api.model.EntityGraph}), raw metrics
 * per period ({@link io.ppcanomaly.api.model.Metrics}, {@link io.ppcanomaly.api.model.MetricSeries}) and the
 * zero-safe ratio KPIs ({@link io.ppcanomaly.api.model.Kpi}). Everything here is immutable and validated.
 */
package io.ppcanomaly.api.model;
