package io.ppcanomaly.server;

import io.ppcanomaly.server.auth.ApiKeys;
import io.ppcanomaly.server.auth.Role;
import io.ppcanomaly.server.sample.SampleBootstrap;
import io.ppcanomaly.service.AnomalyService;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.StoreConfig;
import io.ppcanomaly.store.testing.TestDatabase;
import io.ppcanomaly.store.testing.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * One running server per database for the whole test JVM (starting one means judging two accounts: shared so the
 * suite stays fast): H2 embedded in a temporary directory, and PostgreSQL (TestPostgres) with the store running as
 * an ordinary role under row-level security, migrated by the owner. Both serve the two tenants of
 * {@link TestSamples}; the keys below are created once per server.
 */
final class TestServers {

    /** The databases the API tests run on. */
    enum Db { H2, POSTGRESQL }

    private static final Map<Db, TestServer> SERVERS = new EnumMap<>(Db.class);
    private static Path models;

    private TestServers() {
    }

    /** A running server with its store and keys. */
    static final class TestServer {
        final Db db;
        final AlertStore store;
        final AnomalyServer server;
        final ApiClient client;
        final String adminA;
        final String writeA;
        final String readA;
        final String adminB;
        final String writeB;
        final String readB;
        final String readAB;
        final String revokedA;

        TestServer(Db db, AlertStore store, AnomalyServer server) {
            this.db = db;
            this.store = store;
            this.server = server;
            this.client = new ApiClient(server.url());
            ApiKeys k = server.keys();
            ProfileId a = TestSamples.A.profile();
            ProfileId b = TestSamples.B_PROFILE;
            adminA = k.create(Role.ADMIN, Set.of(a), "admin A", "test").secret();
            writeA = k.create(Role.WRITE, Set.of(a), "writer A", "test").secret();
            readA = k.create(Role.READ, Set.of(a), "reader A", "test").secret();
            adminB = k.create(Role.ADMIN, Set.of(b), "admin B", "test").secret();
            writeB = k.create(Role.WRITE, Set.of(b), "writer B", "test").secret();
            readB = k.create(Role.READ, Set.of(b), "reader B", "test").secret();
            readAB = k.create(Role.READ, Set.of(a, b), "reader A+B", "test").secret();
            var revoked = k.create(Role.ADMIN, Set.of(a), "revoked A", "test");
            k.revoke(revoked.key().keyId());
            revokedA = revoked.secret();
        }

        String url() {
            return server.url();
        }
    }

    /** @return the shared server on {@code db}, started (and its tenants judged) on first use */
    static synchronized TestServer get(Db db) {
        TestServer s = SERVERS.get(db);
        if (s == null) {
            try {
                s = start(db);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            SERVERS.put(db, s);
        }
        return s;
    }

    private static TestServer start(Db db) throws IOException {
        if (models == null) {
            models = Files.createTempDirectory("ppca-server-models");
        }
        AlertStore store;
        if (db == Db.H2) {
            store = AlertStore.embedded(Files.createTempDirectory("ppca-server-h2"));
        } else {
            TestDatabase pg = TestPostgres.get().createDatabase("server");
            AlertStore.open(pg.dataSource()).close();
            String role = pg.createOrdinaryRole("app");
            pg.grantStoreAccess(role);
            store = AlertStore.open(pg.dataSource(role), StoreConfig.builder().migrate(false).build());
        }
        AnomalyService service = new AnomalyService();
        SampleBootstrap.prepare(TestSamples.A, store, service, models, TestSamples.DETECTOR, TestSamples.DAYS);
        SampleBootstrap.prepare(TestSamples.tenantB(), store, service, models, TestSamples.DETECTOR,
                TestSamples.DAYS);
        AnomalyServer server = AnomalyServer.builder(store, TestSamples.SOURCE).service(service)
                .models(ModelProvider.directory(models))
                .config(ServerConfig.builder().port(0).rateLimit(10_000, 10_000)
                        .syncDetectTimeout(Duration.ofSeconds(90))
                        .referenceDay(TestSamples.A.account().end().toLocalDate()).build())
                .start();
        AlertStore owned = store;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            owned.close();
        }));
        return new TestServer(db, store, server);
    }
}
