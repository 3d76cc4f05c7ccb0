package io.ppcanomaly.monitor.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.ppcanomaly.api.RootCauseKind;
import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.monitor.MonitorConfig;
import io.ppcanomaly.monitor.ProfileSettings;
import io.ppcanomaly.monitor.spi.MonitorContext;
import io.ppcanomaly.monitor.spi.MonitorExtension;
import io.ppcanomaly.notify.outbox.MessageStatus;
import io.ppcanomaly.notify.outbox.NotificationStore;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.AlertCause;
import io.ppcanomaly.service.DetectionReport;
import io.ppcanomaly.service.StageTimings;
import io.ppcanomaly.service.source.LoadSummary;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.StoreConfig;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The notifications extension on a real H2 store and a real loopback webhook: off without routes, a bad key refused
 * by name, and with a route its hook writes one outbox row for an incident and its job sends it.
 */
class NotifyExtensionTest {

    private HttpServer server;
    private final List<String> deliveries = new CopyOnWriteArrayList<>();
    private JdbcConnectionPool h2;
    private AlertStore store;
    private MonitorContext context;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", x -> {
            try (InputStream in = x.getRequestBody()) {
                in.readAllBytes();
            }
            deliveries.add(x.getRequestHeaders().getFirst("X-Delivery-Id"));
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        server.start();
        h2 = JdbcConnectionPool.create("jdbc:h2:mem:notify-ext-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa",
                "");
        store = AlertStore.open(h2, StoreConfig.DEFAULT);
        MonitorConfig config = MonitorConfig.builder().profile(ProfileSettings.of("p1")).build();
        context = new MonitorContext(store, config, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        store.close();
        h2.dispose();
        server.stop(0);
    }

    private Properties keys(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void withoutRoutesNotificationsAreOff() {
        assertThat(new NotifyExtensionProvider().create(context, keys("notify.retry.max-attempts", "3"))).isNull();
        assertThat(new NotifyExtensionProvider().keyPrefixes()).containsExactlyInAnyOrder("notify.", "route.");
    }

    @Test
    void aBadKeyIsRefusedNamingIt() {
        assertThatThrownBy(() -> new NotifyExtensionProvider().create(context, keys("route.ops.type", "pager")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("route.ops.type")
                .hasMessageContaining("pager").hasMessageContaining("webhook");
    }

    @Test
    void theHookWritesOneMessagePerIncidentInTheSaveAndTheJobSendsIt() {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        ProfileId p = ProfileId.of("p1");
        try (MonitorExtension ext = new NotifyExtensionProvider().create(context, keys("route.ops.type", "webhook",
                "route.ops.url", url, "notify.dispatch.interval", "1s"))) {
            assertThat(ext.jobs()).singleElement().satisfies(j -> assertThat(j.name()).isEqualTo("notify-dispatcher"));
            store.save(p, report(40), ext.saveHooks().get(0));
            NotificationStore tables = new NotificationStore(store);
            assertThat(tables.counts(p).get(MessageStatus.PENDING)).isEqualTo(1);
            ext.jobs().get(0).task().run();
            assertThat(tables.counts(p).get(MessageStatus.SENT)).isEqualTo(1);
        }
        assertThat(deliveries).hasSize(1);
    }

    private static DetectionReport report(int keywords) {
        LocalDateTime day = LocalDateTime.of(2026, 3, 1, 0, 0);
        AlertCause outage = new AlertCause(EntityType.PROFILE, "p1", "Main", RootCauseKind.REPORTING_OUTAGE, 0.9, day,
                "profile 'Main': every volume fell to zero at once");
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < keywords; i++) {
            alerts.add(new Alert(EntityType.KEYWORD, "kw-" + i, "keyword " + i, day, day, 0.9995, 0.99, Severity.HIGH,
                    "ensemble", Map.of("half-space-trees", 0.9995), Map.of("impressions", 0.7),
                    Map.of("impressions", -0.97), 10 + i, List.of(outage), Instant.parse("2026-03-02T06:00:00Z")));
        }
        return new DetectionReport(EntityType.KEYWORD, "ensemble", Granularity.DAY, List.of(day), keywords, keywords,
                Map.of(Severity.HIGH, keywords), alerts, 0, 0, keywords, 0, 0, 0, LoadSummary.NONE,
                new StageTimings(0, 0, 0, 0, 0, 0));
    }
}
