/**
 * The detection workflow as one library call.
 *
 * <pre>{@code
 * AnomalyService service = new AnomalyService();
 * MetricSource source = CsvMetricSource.of(Path.of("report.csv"), OnError.FAIL);
 *
 * // daily job: fit on history, judge the latest day, explain, find root causes
 * DetectionReport report = service.detect(DetectionRequest.builder().build(), source);
 *
 * // or train once, save, and score later runs with the saved model
 * TrainedModel model = service.train(DetectionRequest.builder().build(), source);
 * ModelStore.save(model, Path.of("models"));
 * DetectionRequest fast = model.applyTo(DetectionRequest.builder().build());
 *
 * // backtest: fit before the last 30 days, judge each day causally
 * DetectionReport bt = service.detect(DetectionRequest.builder().periods(30).build(), source);
 * }</pre>
 *
 * <p>{@link io.ppcanomaly.service.AnomalyService} is the facade; requests, reports and alerts are immutable
 * records; severity comes from {@link io.ppcanomaly.api.SeverityPolicy}. Metrics arrive through
 * {@link io.ppcanomaly.service.source.MetricSource}; the report is written as JSON by
 * {@link io.ppcanomaly.service.json.ReportJson}.
 */
package io.ppcanomaly.service;
