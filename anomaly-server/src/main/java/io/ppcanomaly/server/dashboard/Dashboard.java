package io.ppcanomaly.server.dashboard;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.ppcanomaly.server.ServerConfig;
import io.ppcanomaly.server.api.AlertHandlers;
import io.ppcanomaly.server.api.ApiException;
import io.ppcanomaly.server.api.Caller;
import io.ppcanomaly.server.api.Gate;
import io.ppcanomaly.server.api.Params;
import io.ppcanomaly.server.auth.ApiKey;
import io.ppcanomaly.server.auth.Role;
import io.ppcanomaly.server.auth.Sessions;
import io.ppcanomaly.store.AlertFilter;
import io.ppcanomaly.store.AlertPage;
import io.ppcanomaly.store.AlertStatistics;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.Page;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.StoredAlert;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard: server-rendered pages (Mustache templates, HTML-escaped) with a little JavaScript that calls the
 * same API as any client, charts drawn by ECharts served from its webjar. Sign-in turns a pasted API key into a
 * session cookie; pages show what that key's role allows. Handlers parse, make one store call, render.
 * Thread-safe.
 */
public final class Dashboard {

    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);
    private static final int FEED_PAGE = 50;

    private final AlertStore store;
    private final Gate gate;
    private final ServerConfig config;
    private final MustacheFactory templates = new DefaultMustacheFactory("io/ppcanomaly/server/templates");
    private final String echarts;
    private final String swaggerUi;

    /** The pages over a store, signing in through the gate's keys and sessions. */
    public Dashboard(AlertStore store, Gate gate, ServerConfig config) {
        this.store = Objects.requireNonNull(store, "store");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.config = Objects.requireNonNull(config, "config");
        Properties versions = new Properties();
        try (InputStream in = Dashboard.class.getResourceAsStream("/io/ppcanomaly/server/webjars.properties")) {
            versions.load(Objects.requireNonNull(in, "webjars.properties"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the server's webjars.properties", e);
        }
        this.echarts = "/webjars/echarts/" + versions.getProperty("echarts.version") + "/dist/echarts.min.js";
        this.swaggerUi = "/webjars/swagger-ui/" + versions.getProperty("swagger-ui.version");
    }

    /** Registers the pages. */
    public void register(JavalinConfig c) {
        c.routes.get("/login", this::loginPage);
        c.routes.post("/login", this::login);
        c.routes.post("/logout", this::logout);
        c.routes.get("/", ctx -> page(ctx, this::feed));
        c.routes.get("/alerts/{id}", ctx -> page(ctx, this::alert));
        c.routes.get("/statistics", ctx -> page(ctx, this::statistics));
        c.routes.get("/docs", ctx -> render(ctx, "docs", new HashMap<>()));
        c.routes.get("/favicon.ico", ctx -> ctx.redirect("/assets/favicon.svg"));
    }

    @FunctionalInterface
    private interface PageHandler {
        void handle(Context ctx, Caller caller, Map<String, Object> view);
    }

    private void page(Context ctx, PageHandler h) {
        Optional<Caller> caller = gate.authenticate(ctx).filter(c -> c.session() != null);
        if (caller.isEmpty()) {
            ctx.redirect("/login");
            return;
        }
        Caller c = caller.get();
        Map<String, Object> view = new HashMap<>();
        view.put("csrf", c.session().csrf());
        view.put("keyName", c.key().name());
        view.put("role", c.key().role().wireName());
        view.put("canWrite", c.key().role().allows(Role.WRITE));
        try {
            h.handle(ctx, c, view);
        } catch (ApiException e) {
            view.put("status", e.status());
            view.put("message", e.getMessage());
            ctx.status(e.status());
            render(ctx, "error", view);
        }
    }

    private void loginPage(Context ctx) {
        Map<String, Object> view = new HashMap<>();
        if (Params.text(ctx, "signed_out") != null) {
            view.put("notice", "Signed out.");
        }
        render(ctx, "login", view);
    }

    private void login(Context ctx) {
        String key = ctx.formParam("api_key");
        Optional<ApiKey> k = gate.keys().authenticate(key == null ? null : key.trim());
        if (k.isEmpty()) {
            Map<String, Object> view = new HashMap<>();
            view.put("error", "That key is not valid: it is unknown, revoked or mistyped.");
            ctx.status(401);
            render(ctx, "login", view);
            return;
        }
        Sessions.Session s = gate.sessions().open(k.get().keyId());
        ctx.header("Set-Cookie", Sessions.COOKIE + "=" + s.id() + "; Path=/; HttpOnly; SameSite=Strict"
                + (ctx.scheme().equals("https") ? "; Secure" : ""));
        LOG.info("Dashboard sign-in with key {} ('{}')", k.get().keyId(), k.get().name());
        ctx.redirect("/");
    }

    private void logout(Context ctx) {
        Optional<Sessions.Session> s = gate.sessions().find(ctx.cookie(Sessions.COOKIE));
        if (s.isPresent() && s.get().csrf().equals(ctx.formParam("csrf"))) {
            gate.sessions().close(s.get().id());
        }
        ctx.header("Set-Cookie", Sessions.COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
        ctx.redirect("/login?signed_out=1");
    }

    private void feed(Context ctx, Caller caller, Map<String, Object> view) {
        Params.allowOnly(ctx, "profile_id", "entity_type", "min_severity", "status", "detector", "since", "offset");
        ProfileId profile = profile(ctx, caller, view);
        String status = Params.text(ctx, "status");
        if (status == null) {
            status = "open";
        }
        if (!status.equals("open") && !status.equals("acknowledged") && !status.equals("all")) {
            throw ApiException.notOneOf("status", status, java.util.List.of("open", "acknowledged", "all"));
        }
        AlertFilter f = AlertHandlers.filter(ctx);
        if (status.equals("all")) {
            f = new AlertFilter(f.entityType(), f.minSeverity(), f.detector(), f.since(), null);
        } else {
            f = new AlertFilter(f.entityType(), f.minSeverity(), f.detector(), f.since(),
                    io.ppcanomaly.store.AlertStatus.parse(status));
        }
        int offset = Params.integer(ctx, "offset", 0, 0, 1_000_000);
        AlertPage page = store.active(profile, f, new Page(offset, FEED_PAGE));
        Views.feed(view, page, f, status, profile, ctx.queryParamMap());
        render(ctx, "feed", view);
    }

    private void alert(Context ctx, Caller caller, Map<String, Object> view) {
        long id = Params.id(ctx, "id");
        StoredAlert found = null;
        for (ProfileId p : caller.profiles(Params.text(ctx, "profile_id"))) {
            Optional<StoredAlert> a = store.get(p, id);
            if (a.isPresent()) {
                found = a.get();
                break;
            }
        }
        if (found == null) {
            throw ApiException.notFound("alert " + id + " not found");
        }
        profile(ctx, caller, view);
        Views.alert(view, found);
        if (found.incidentId() != null) {
            long alertId = found.id();
            store.incident(found.profile(), found.incidentId()).ifPresent(d -> Views.incident(view, d, alertId));
        }
        render(ctx, "alert", view);
    }

    private void statistics(Context ctx, Caller caller, Map<String, Object> view) {
        Params.allowOnly(ctx, "profile_id", "from", "to");
        ProfileId profile = profile(ctx, caller, view);
        LocalDate from = AlertHandlers.from(ctx, config);
        LocalDate to = AlertHandlers.to(ctx, config);
        AlertStatistics s = store.statistics(profile, from, to);
        Views.statistics(view, s);
        render(ctx, "statistics", view);
    }

    private static ProfileId profile(Context ctx, Caller caller, Map<String, Object> view) {
        String requested = Params.text(ctx, "profile_id");
        ProfileId p = requested == null
                ? caller.key().profiles().stream().min((a, b) -> a.value().compareTo(b.value())).orElseThrow()
                : caller.profile(requested);
        view.put("profile", p.value());
        view.put("profiles", caller.key().profiles().stream().map(ProfileId::value).sorted()
                .map(v -> Map.of("id", v, "selected", v.equals(p.value()))).toList());
        view.put("manyProfiles", caller.key().profiles().size() > 1);
        return p;
    }

    private void render(Context ctx, String template, Map<String, Object> view) {
        view.put("echarts", echarts);
        view.put("swaggerUi", swaggerUi);
        view.put("isFeed", "feed".equals(view.get("page")));
        Mustache m = templates.compile(template + ".mustache");
        StringWriter w = new StringWriter();
        m.execute(w, view);
        ctx.contentType("text/html; charset=utf-8").header("Cache-Control", "no-store").result(w.toString());
    }
}
