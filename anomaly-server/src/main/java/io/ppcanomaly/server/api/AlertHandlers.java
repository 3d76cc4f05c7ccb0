package io.ppcanomaly.server.api;

import io.javalin.http.Context;
import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.server.ServerConfig;
import io.ppcanomaly.server.series.SeriesView;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.MetricQuery;
import io.ppcanomaly.service.source.MetricSource;
import io.ppcanomaly.store.AlertFilter;
import io.ppcanomaly.store.AlertNotFoundException;
import io.ppcanomaly.store.AlertPage;
import io.ppcanomaly.store.AlertStatistics;
import io.ppcanomaly.store.AlertStatus;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.Page;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.Resolution;
import io.ppcanomaly.store.StoredAlert;
import io.ppcanomaly.store.TrainingExample;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The alert endpoints: the feed, one alert, its series, the lifecycle changes, feedback and statistics. Each
 * handler parses, makes one store call per profile the key covers, and writes the result; every query names the
 * caller's profile, so another tenant's alert is answered exactly like an unknown id (404). Thread-safe.
 */
public final class AlertHandlers {

    private final AlertStore store;
    private final MetricSource source;
    private final ServerConfig config;

    /** Handlers over a store and the metric source the series come from. */
    public AlertHandlers(AlertStore store, MetricSource source, ServerConfig config) {
        this.store = Objects.requireNonNull(store, "store");
        this.source = Objects.requireNonNull(source, "source");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** {@code GET /api/anomaly/alerts/active}: open and acknowledged alerts, filtered, most severe first, paged. */
    public void active(Context ctx, Caller caller) {
        Params.allowOnly(ctx, "profile_id", "entity_type", "min_severity", "detector", "since", "status", "offset",
                "limit");
        ProfileId profile = caller.profile(Params.text(ctx, "profile_id"));
        AlertFilter filter = filter(ctx);
        int offset = Params.integer(ctx, "offset", 0, 0, Integer.MAX_VALUE - Page.MAX_LIMIT);
        int limit = Params.integer(ctx, "limit", 50, 1, Page.MAX_LIMIT);
        AlertPage page = store.active(profile, filter, new Page(offset, limit));
        ctx.contentType("application/json").result(Wire.page(profile, page, next(ctx, offset + limit)));
    }

    /** @return the store filter from the feed's query parameters (shared with the dashboard) */
    public static AlertFilter filter(Context ctx) {
        AlertFilter.Builder f = AlertFilter.builder();
        EntityType type = Params.enumValue(ctx, "entity_type", EntityType::parse, EntityType.values(),
                EntityType::wireName);
        Severity severity = Params.enumValue(ctx, "min_severity", Severity::parse, Severity.values(),
                Severity::wireName);
        String status = Params.text(ctx, "status");
        if (status != null && !status.equals("open") && !status.equals("acknowledged")) {
            throw ApiException.notOneOf("status", status, List.of("open", "acknowledged"));
        }
        String detector = Params.text(ctx, "detector");
        return f.entityType(type).minSeverity(severity).detector(detector).since(Params.period(ctx, "since"))
                .status(status == null ? null : AlertStatus.parse(status)).build();
    }

    /** @return the link to the page at {@code offset}: this request's path and query with the offset replaced */
    static String next(Context ctx, int offset) {
        StringBuilder b = new StringBuilder(ctx.path()).append("?");
        for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
            if (!e.getKey().equals("offset")) {
                b.append(enc(e.getKey())).append('=').append(enc(e.getValue().get(0))).append('&');
            }
        }
        return b.append("offset=").append(offset).toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** {@code GET /api/anomaly/alerts/{id}}: one alert, live or archived. */
    public void get(Context ctx, Caller caller) {
        Params.allowOnly(ctx, "profile_id");
        StoredAlert a = find(ctx, caller);
        ctx.contentType("application/json").result(Wire.alert(a));
    }

    /** {@code GET /api/anomaly/alerts/{id}/series}: the entity's metrics and baseline around the alert. */
    public void series(Context ctx, Caller caller) throws IOException {
        Params.allowOnly(ctx, "profile_id", "before", "after");
        int before = Params.integer(ctx, "before", config.seriesBefore(), 0, 1000);
        int after = Params.integer(ctx, "after", config.seriesAfter(), 0, 1000);
        StoredAlert a = find(ctx, caller);
        LocalDateTime until = a.granularity().plus(a.period(), after);
        AccountData data;
        try {
            data = source.load(new MetricQuery(a.profile().value(), until,
                    SeriesView.historyPeriods(a, config.features(), before, after)));
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("the metric source holds no data of profile '" + a.profile().value()
                    + "' for alert " + a.id());
        }
        ctx.contentType("application/json").result(SeriesView.render(a, data, config.features(), before, after));
    }

    /** {@code PATCH /api/anomaly/alerts/{id}/acknowledge}. */
    public void acknowledge(Context ctx, Caller caller) {
        JsonBody body = JsonBody.parse(ctx.body(), "by", "expected_version");
        String who = caller.who(body.text("by"));
        Long version = body.version("expected_version");
        StoredAlert a = change(ctx, caller, (p, id) -> version == null ? store.acknowledge(p, id, who)
                : store.acknowledge(p, id, who, version));
        ctx.contentType("application/json").result(Wire.alert(a));
    }

    /** {@code PATCH /api/anomaly/alerts/{id}/resolve}: note, revenue impact, snapshots. */
    public void resolve(Context ctx, Caller caller) {
        JsonBody body = JsonBody.parse(ctx.body(), "by", "note", "revenue_impact", "market_conditions",
                "campaign_settings", "expected_version");
        Resolution.Builder r = Resolution.by(caller.who(body.text("by"))).note(body.text("note"))
                .marketConditions(body.object("market_conditions")).campaignSettings(body.object("campaign_settings"));
        Double impact = body.number("revenue_impact");
        if (impact != null) {
            r.revenueImpact(impact);
        }
        String note = body.text("note");
        if (note != null && note.length() > Resolution.MAX_NOTE) {
            throw ApiException.badField("note", note.substring(0, 40) + "…", "note must be at most "
                    + Resolution.MAX_NOTE + " characters, got " + note.length());
        }
        Resolution resolution = r.build();
        Long version = body.version("expected_version");
        StoredAlert a = change(ctx, caller, (p, id) -> version == null ? store.resolve(p, id, resolution)
                : store.resolve(p, id, resolution, version));
        ctx.contentType("application/json").result(Wire.alert(a));
    }

    /** {@code PATCH /api/anomaly/alerts/{id}/reopen}. */
    public void reopen(Context ctx, Caller caller) {
        JsonBody body = JsonBody.parse(ctx.body(), "expected_version");
        Long version = body.version("expected_version");
        StoredAlert a = change(ctx, caller, (p, id) -> version == null ? store.reopen(p, id)
                : store.reopen(p, id, version));
        ctx.contentType("application/json").result(Wire.alert(a));
    }

    /** {@code POST /api/anomaly/alerts/{id}/feedback}: a person's label, kept as a training example. */
    public void feedback(Context ctx, Caller caller) {
        JsonBody body = JsonBody.parse(ctx.body(), "is_true_anomaly", "by");
        boolean label = body.requiredBool("is_true_anomaly");
        String who = caller.who(body.text("by"));
        StoredAlert a = find(ctx, caller);
        TrainingExample t = store.feedback(a.profile(), a.id(), label, who);
        ctx.status(201).contentType("application/json").result(Wire.feedback(t, a.granularity()));
    }

    /** {@code GET /api/anomaly/statistics}: the store's statistics for a date range (default the last 30 days). */
    public void statistics(Context ctx, Caller caller) {
        Params.allowOnly(ctx, "profile_id", "from", "to");
        ProfileId profile = caller.profile(Params.text(ctx, "profile_id"));
        AlertStatistics s = store.statistics(profile, from(ctx, config), to(ctx, config));
        ctx.contentType("application/json").result(Wire.statistics(s));
    }

    /** @return the range end: {@code to}, or the configured today */
    public static LocalDate to(Context ctx, ServerConfig config) {
        LocalDate to = Params.date(ctx, "to");
        return to != null ? to : config.today();
    }

    /** @return the range start: {@code from}, or 29 days before the end; 400 when after the end or too far */
    public static LocalDate from(Context ctx, ServerConfig config) {
        LocalDate to = to(ctx, config);
        LocalDate from = Params.date(ctx, "from");
        if (from == null) {
            return to.minusDays(29);
        }
        if (from.isAfter(to)) {
            throw ApiException.badField("from", from.toString(), "from must not be after to (" + to + "), got "
                    + from);
        }
        if (ChronoUnit.DAYS.between(from, to) >= 366) {
            throw ApiException.badField("from", from.toString(), "from must be at most 366 days before to (" + to
                    + "), got " + from);
        }
        return from;
    }

    /** A store call on one profile's alert. */
    @FunctionalInterface
    interface AlertCall {
        StoredAlert apply(ProfileId profile, long id);
    }

    /** Finds the alert among the caller's profiles (one query per profile, in order); 404 when none holds it. */
    StoredAlert find(Context ctx, Caller caller) {
        long id = Params.id(ctx, "id");
        for (ProfileId p : caller.profiles(Params.text(ctx, "profile_id"))) {
            Optional<StoredAlert> a = store.get(p, id);
            if (a.isPresent()) {
                return a.get();
            }
        }
        throw notFound(id);
    }

    private StoredAlert change(Context ctx, Caller caller, AlertCall call) {
        long id = Params.id(ctx, "id");
        for (ProfileId p : caller.profiles(Params.text(ctx, "profile_id"))) {
            try {
                return call.apply(p, id);
            } catch (AlertNotFoundException e) {
                // not this profile's: try the key's next profile, and answer 404 when none holds it
            }
        }
        throw notFound(id);
    }

    static ApiException notFound(long id) {
        return ApiException.notFound("alert " + id + " not found");
    }
}
