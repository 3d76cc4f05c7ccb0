package io.ppcanomaly.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.http.Context;
import io.ppcanomaly.api.Detectors;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.server.ServerConfig;
import io.ppcanomaly.server.jobs.DetectionJobs;
import io.ppcanomaly.server.jobs.DetectionRunner;
import io.ppcanomaly.server.jobs.Job;
import io.ppcanomaly.service.DetectionRequest;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.StoreException;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/anomaly/detect} and {@code GET /api/anomaly/jobs/{id}}. A detection runs as a job: the request
 * waits for it up to {@link ServerConfig#syncDetectTimeout()} and answers 200 with the report, or 202 with the job
 * to poll when it takes longer (or at once with {@code Prefer: respond-async}). Thread-safe.
 */
public final class DetectHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(DetectHandlers.class);
    /** Levels a detection may check. */
    static final List<EntityType> LEVELS = List.of(EntityType.KEYWORD, EntityType.AD_GROUP, EntityType.CAMPAIGN,
            EntityType.PORTFOLIO);
    /** Most periods one request may judge. */
    public static final int MAX_PERIODS = 1000;

    private final DetectionJobs jobs;
    private final DetectionRunner runner;
    private final ServerConfig config;

    /** Handlers over a job queue and the runner its jobs call. */
    public DetectHandlers(DetectionJobs jobs, DetectionRunner runner, ServerConfig config) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** {@code POST /api/anomaly/detect}. */
    public void detect(Context ctx, Caller caller) throws InterruptedException {
        JsonBody body = JsonBody.parse(ctx.body(), "entity_type", "profile_id", "detector_type",
                "include_explanation", "include_root_cause", "as_of", "periods");
        ProfileId profile = caller.profile(body.text("profile_id"));
        String level = body.text("entity_type");
        EntityType type = level == null ? EntityType.KEYWORD : Params.enumValue("entity_type", level,
                EntityType::parse, LEVELS.toArray(EntityType[]::new), EntityType::wireName);
        if (!LEVELS.contains(type)) {
            throw ApiException.notOneOf("entity_type", level, LEVELS.stream().map(EntityType::wireName).toList());
        }
        String detector = body.text("detector_type");
        if (detector == null) {
            detector = DetectionRequest.DEFAULT_DETECTOR;
        } else if (!Detectors.available().contains(detector)) {
            throw ApiException.notOneOf("detector_type", detector, Detectors.available());
        }
        String asOfText = body.text("as_of");
        LocalDateTime asOf = asOfText == null ? null : Params.period("as_of", asOfText);
        int periods = body.integer("periods", 1, 1, MAX_PERIODS);
        DetectionRequest request = DetectionRequest.builder().entityType(type).profileId(profile.value())
                .detector(detector).explain(body.bool("include_explanation", true))
                .rootCause(body.bool("include_root_cause", true)).asOf(asOf).periods(periods).build();
        Job job;
        try {
            job = jobs.submit(profile, () -> runner.run(profile, request));
        } catch (RejectedExecutionException e) {
            throw ApiException.unavailable("every detection worker is busy and the queue is full: try again later",
                    30);
        }
        boolean async = preferAsync(ctx.header("Prefer"));
        if (!async && job.await(config.syncDetectTimeout())) {
            if (job.state() == Job.State.SUCCEEDED) {
                ctx.contentType("application/json").result(job.result());
                return;
            }
            throw failure(job.failure());
        }
        ctx.status(202).header("Location", "/api/anomaly/jobs/" + job.id()).contentType("application/json")
                .result(Json.bytes(g -> job(g, job, false)));
    }

    /** {@code GET /api/anomaly/jobs/{id}}: a job of one of the caller's profiles; another's is 404. */
    public void job(Context ctx, Caller caller) {
        Params.allowOnly(ctx);
        String id = ctx.pathParam("id");
        Job job = jobs.get(id).filter(j -> caller.key().covers(j.profile()))
                .orElseThrow(() -> ApiException.notFound("job '" + id + "' not found"));
        ctx.contentType("application/json").result(Json.bytes(g -> job(g, job, true)));
    }

    private static boolean preferAsync(String prefer) {
        if (prefer == null) {
            return false;
        }
        for (String p : prefer.split(",")) {
            if (p.trim().toLowerCase(Locale.ROOT).startsWith("respond-async")) {
                return true;
            }
        }
        return false;
    }

    private static void job(JsonGenerator g, Job job, boolean withResult) throws IOException {
        Job.State state = job.state();
        g.writeStartObject();
        g.writeStringField("job_id", job.id());
        g.writeStringField("status", state.wireName());
        g.writeStringField("profile_id", job.profile().value());
        g.writeStringField("poll", "/api/anomaly/jobs/" + job.id());
        Json.instant(g, "submitted_at", job.submittedAt());
        Json.instant(g, "started_at", job.startedAt());
        Json.instant(g, "finished_at", job.finishedAt());
        if (withResult) {
            g.writeFieldName("result");
            if (state == Job.State.SUCCEEDED) {
                g.writeRawValue(new String(job.result(), java.nio.charset.StandardCharsets.UTF_8));
            } else {
                g.writeNull();
            }
            g.writeFieldName("error");
            if (state == Job.State.FAILED) {
                ApiException e = failure(job.failure());
                g.writeStartObject();
                g.writeNumberField("status", e.status());
                g.writeStringField("error", e.code());
                g.writeStringField("message", e.getMessage());
                g.writeEndObject();
            } else {
                g.writeNull();
            }
        }
        g.writeEndObject();
    }

    /** @return the API error a failed detection maps to (never its stack trace) */
    static ApiException failure(Exception e) {
        if (e instanceof ApiException a) {
            return a;
        }
        if (e instanceof IllegalArgumentException) {
            return ApiException.badRequest(e.getMessage());
        }
        if (e instanceof IOException) {
            LOG.warn("A detection could not read its metric source: {}", e.toString());
            return ApiException.of(502, "source_failed", "the metric source could not be read: " + e.getMessage());
        }
        if (e instanceof StoreException) {
            LOG.warn("A detection could not save its alerts: {}", e.toString());
            return ApiException.unavailable("the alert store is unavailable: the detection's alerts were not saved",
                    30);
        }
        String ref = Errors.reference();
        LOG.error("Detection failed (reference {})", ref, e);
        return ApiException.of(500, "internal", "the detection failed; the server log has the details under "
                + "reference " + ref);
    }
}
