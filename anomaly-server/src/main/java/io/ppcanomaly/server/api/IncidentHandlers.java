package io.ppcanomaly.server.api;

import io.javalin.http.Context;
import io.ppcanomaly.api.RootCauseKind;
import io.ppcanomaly.api.Severity;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.IncidentDetail;
import io.ppcanomaly.store.IncidentFilter;
import io.ppcanomaly.store.IncidentPage;
import io.ppcanomaly.store.Page;
import io.ppcanomaly.store.ProfileId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The incident endpoints: the alerts of one cause grouped across levels and periods, as the store keeps them —
 * where a problem starts, and everything it touched. Like the alert endpoints, every query names the caller's
 * profile, so another tenant's incident is answered exactly like an unknown id (404). Thread-safe.
 */
public final class IncidentHandlers {

    private final AlertStore store;

    /** Handlers over a store. */
    public IncidentHandlers(AlertStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * {@code GET /api/anomaly/incidents}: a profile's incidents, filtered by ongoing or ended, peak severity,
     * root-cause kind and last period, in the store's order (most recent first), paged.
     */
    public void list(Context ctx, Caller caller) {
        Params.allowOnly(ctx, "profile_id", "ongoing", "min_severity", "kind", "since", "offset", "limit");
        ProfileId profile = caller.profile(Params.text(ctx, "profile_id"));
        IncidentFilter filter = new IncidentFilter(ongoing(ctx),
                Params.enumValue(ctx, "min_severity", Severity::parse, Severity.values(), Severity::wireName),
                Params.enumValue(ctx, "kind", IncidentHandlers::kind, RootCauseKind.values(), RootCauseKind::wireName),
                Params.period(ctx, "since"));
        int offset = Params.integer(ctx, "offset", 0, 0, Integer.MAX_VALUE - Page.MAX_LIMIT);
        int limit = Params.integer(ctx, "limit", 50, 1, Page.MAX_LIMIT);
        IncidentPage page = store.incidents(profile, filter, new Page(offset, limit));
        ctx.contentType("application/json").result(Wire.incidentPage(profile, page,
                AlertHandlers.next(ctx, offset + limit)));
    }

    /** {@code GET /api/anomaly/incidents/{id}}: one incident with its stored alerts. */
    public void get(Context ctx, Caller caller) {
        Params.allowOnly(ctx, "profile_id");
        String id = ctx.pathParam("id");
        for (ProfileId p : caller.profiles(Params.text(ctx, "profile_id"))) {
            Optional<IncidentDetail> d = store.incident(p, id);
            if (d.isPresent()) {
                ctx.contentType("application/json").result(Wire.incident(d.get()));
                return;
            }
        }
        throw ApiException.notFound("incident " + id + " not found");
    }

    private static Boolean ongoing(Context ctx) {
        String v = Params.text(ctx, "ongoing");
        if (v == null) {
            return null;
        }
        return switch (v) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ApiException.notOneOf("ongoing", v, List.of("true", "false"));
        };
    }

    private static RootCauseKind kind(String v) {
        for (RootCauseKind k : RootCauseKind.values()) {
            if (k.wireName().equals(v.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown kind " + v);
    }
}
