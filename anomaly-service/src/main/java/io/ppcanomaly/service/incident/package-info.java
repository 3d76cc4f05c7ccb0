/**
 * Incidents: alerts that share a root and touch in time, read as one problem. A reporting outage that flags
 * 250 keywords is one incident rooted at the profile; a campaign whose budget runs dry for four days is one
 * incident rooted at the campaign, holding every keyword alert of those days.
 *
 * <pre>{@code
 * DetectionReport report = service.detect(request, source);
 * for (Incident i : report.incidents()) {
 *     log.info("{} {} at {} since {}: {} alerts, {} at stake", i.id(), i.kind(), i.rootEntityId(),
 *             i.start(), i.alertCount(), i.moneyAtStake());
 * }
 * }</pre>
 *
 * <p>{@link io.ppcanomaly.service.incident.IncidentGrouper} holds the grouping rules and the deterministic id;
 * {@link io.ppcanomaly.service.incident.IncidentRules} how long an incident bridges periods without an alert;
 * {@link io.ppcanomaly.service.incident.Incident} and
 * {@link io.ppcanomaly.service.incident.IncidentAlert} are the records a store keeps.
 *
 * <h2>A store that runs one period at a time</h2>
 * <ol>
 *   <li>Save each incident of a report by {@link io.ppcanomaly.service.incident.Incident#id() id} (insert or
 *       replace: a continued incident comes back whole, with the earlier runs' alerts), and each alert with the
 *       id of its incident ({@code DetectionReport.incidentsByAlert()}).</li>
 *   <li>Before the next run, load the profile's incidents still
 *       {@link io.ppcanomaly.service.incident.Incident#ongoing() ongoing} (rebuilt with
 *       {@link io.ppcanomaly.service.incident.Incident#of}) and pass them to
 *       {@code AnomalyService.detect(request, source, open)}: an incident the new period continues comes back
 *       under its first id and start.</li>
 *   <li>After the run, an open incident it did not continue for which
 *       {@link io.ppcanomaly.service.incident.IncidentRules#isOngoing} is false as of the run's last period has
 *       ended at its last period: save it {@link io.ppcanomaly.service.incident.Incident#withOngoing(boolean)
 *       withOngoing(false)}.</li>
 * </ol>
 * Judged in order, this gives the same incidents, under the same ids, as one backtest over the same periods.
 */
package io.ppcanomaly.service.incident;
