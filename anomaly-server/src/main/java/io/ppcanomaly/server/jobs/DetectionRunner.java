package io.ppcanomaly.server.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.server.ModelProvider;
import io.ppcanomaly.service.AnomalyService;
import io.ppcanomaly.service.DetectionReport;
import io.ppcanomaly.service.DetectionRequest;
import io.ppcanomaly.service.TrainedModel;
import io.ppcanomaly.service.json.ReportJson;
import io.ppcanomaly.service.source.MetricSource;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.SaveResult;
import io.ppcanomaly.store.StoredAlert;
import java.io.IOException;
import java.io.StringWriter;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One detection as the API runs it: the request scored with a saved model when the {@link ModelProvider} has one
 * fitted before the judged periods (else the detector is fitted on the history), the report saved in the store
 * under the profile, and the response body: the report JSON of {@code anomaly-service} (the keys first)
 * plus {@code profile_id}, {@code stored} (what the save opened, continued, escalated, found already stored, with
 * the stored ids) and {@code model}. Thread-safe.
 */
public final class DetectionRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DetectionRunner.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final AnomalyService service;
    private final MetricSource source;
    private final AlertStore store;
    private final ModelProvider models;

    /** @param models where saved models come from ({@link ModelProvider#none()} to always fit) */
    public DetectionRunner(AnomalyService service, MetricSource source, AlertStore store, ModelProvider models) {
        this.service = Objects.requireNonNull(service, "service");
        this.source = Objects.requireNonNull(source, "source");
        this.store = Objects.requireNonNull(store, "store");
        this.models = Objects.requireNonNull(models, "models");
    }

    /**
     * Runs the detection and saves its alerts.
     *
     * @param request the request; its profile id must be {@code profile}'s
     * @return the response body (JSON)
     * @throws IOException              when the source or a saved model cannot be read
     * @throws IllegalArgumentException for a request the data cannot serve (an as-of outside the data, too little
     *                                  history, an unknown profile in the source)
     */
    public byte[] run(ProfileId profile, DetectionRequest request) throws IOException {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(request, "request");
        Optional<TrainedModel> saved = models.model(profile, request.entityType(), request.detector());
        TrainedModel model = null;
        if (saved.isPresent() && usable(saved.get(), request)) {
            model = saved.get();
            request = model.applyTo(request.toBuilder().detectorOptions(null).build());
        }
        DetectionReport report = service.detect(request, source);
        SaveResult result = store.save(profile, report);
        LOG.info("Detection for profile {} ({} {}s, {}): {} alerts, {} opened, {} continued, {} already stored",
                profile, report.totalEntitiesChecked(), report.entityType().wireName(),
                model == null ? "fitted" : "saved model", report.anomaliesDetected(), result.opened().size(),
                result.continued().size(), result.alreadyStored());
        return body(profile, report, result, model);
    }

    private static boolean usable(TrainedModel m, DetectionRequest r) {
        if (r.asOf() == null) {
            return true;
        }
        LocalDateTime firstJudged = m.granularity().plus(r.asOf(), -(r.periods() - 1L));
        return m.trainedThrough().isBefore(firstJudged);
    }

    private static byte[] body(ProfileId profile, DetectionReport report, SaveResult saved, TrainedModel model)
            throws IOException {
        StringWriter w = new StringWriter();
        ReportJson.write(report, w);
        ObjectNode root = (ObjectNode) MAPPER.readTree(w.toString());
        root.put("profile_id", profile.value());
        ObjectNode stored = root.putObject("stored");
        stored.put("opened", saved.opened().size());
        stored.put("continued", saved.continued().size());
        stored.put("escalated", saved.escalated().size());
        stored.put("already_stored", saved.alreadyStored());
        var ids = stored.putArray("alert_ids");
        saved.opened().stream().mapToLong(StoredAlert::id).forEach(ids::add);
        saved.continued().stream().mapToLong(StoredAlert::id).forEach(ids::add);
        ObjectNode m = root.putObject("model");
        Granularity g = report.granularity();
        if (model == null) {
            m.put("source", "fitted");
            m.putNull("trained_through");
        } else {
            m.put("source", "saved");
            m.put("trained_through", g.format(model.trainedThrough()));
        }
        return MAPPER.writeValueAsBytes(root);
    }
}
