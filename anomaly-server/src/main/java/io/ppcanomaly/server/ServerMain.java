package io.ppcanomaly.server;

import io.ppcanomaly.api.sample.SampleConfig;
import io.ppcanomaly.server.auth.ApiKey;
import io.ppcanomaly.server.auth.ApiKeys;
import io.ppcanomaly.server.auth.CreatedKey;
import io.ppcanomaly.server.auth.Role;
import io.ppcanomaly.server.sample.SampleBootstrap;
import io.ppcanomaly.service.AnomalyService;
import io.ppcanomaly.service.source.CsvMetricSource;
import io.ppcanomaly.service.source.MetricSource;
import io.ppcanomaly.service.source.OnError;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.StoreConfig;
import io.ppcanomaly.store.source.JdbcSourceConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar anomaly-server.jar}: the server in one command. Without options it runs on the built-in sample
 * account with an embedded H2 store in {@code ./anomaly-data}, judges the sample's last 30 days once so the
 * dashboard has alerts, and prints the URL and a new admin key. Options (or a properties file given with
 * {@code --config}, same names without the dashes) point it at PostgreSQL and a report CSV. The file may instead
 * point the metrics at the host's own performance table: {@code source.type = jdbc} and the keys of
 * {@link JdbcSourceConfig} ({@code source.url}, {@code source.table}, {@code source.column.<field>}, …).
 */
@Command(name = "anomaly-server", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"PPC Anomaly's HTTP API and dashboard.",
            "Without options: the built-in sample account, an embedded store in ./anomaly-data, port 8080."})
public final class ServerMain implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "A properties file with any of the options "
            + "below, named without the leading dashes (port=8080, store=jdbc:postgresql://..., input=report.csv). "
            + "Options on the command line win.")
    Path configFile;

    @Option(names = "--port", paramLabel = "N", description = "Port (default 8080; 0 for any free port).")
    Integer port;

    @Option(names = "--host", paramLabel = "ADDR", description = "Address to listen on (default 127.0.0.1; "
            + "0.0.0.0 for every interface).")
    String host;

    @Option(names = "--store", paramLabel = "DIR|JDBC_URL", description = "The alert store: a directory for the "
            + "embedded H2 database (default ./anomaly-data) or a JDBC URL such as "
            + "jdbc:postgresql://host:5432/db?user=app&password=...")
    String store;

    @Option(names = "--input", paramLabel = "FILE", description = "The metric source: a report CSV (the CLI's "
            + "format). Without it, the built-in sample account.")
    Path input;

    @Option(names = "--models", paramLabel = "DIR", description = "Saved models, one directory per profile "
            + "(DIR/<profile>/keyword.ensemble.model, as 'anomaly train --models DIR/<profile>' writes them). "
            + "Default: models/ in the store directory.")
    Path models;

    @Option(names = "--admin-profile", paramLabel = "ID", split = ",", description = "Create an admin key for "
            + "these profiles at start (the sample's profile when running on the sample).")
    List<String> adminProfiles;

    @Option(names = "--sample-days", paramLabel = "N", description = "Days of the sample judged at the first start "
            + "(default 30).")
    Integer sampleDays;

    @Option(names = "--sample-detector", paramLabel = "NAME", description = "Detector the sample is judged with "
            + "(default ensemble).")
    String sampleDetector;

    @Option(names = "--rate-limit", paramLabel = "PER_SECOND", description = "Sustained requests per second per "
            + "key (default 20).")
    Double rateLimit;

    @Option(names = "--rate-burst", paramLabel = "N", description = "Requests a key may make at once (default 60).")
    Integer rateBurst;

    /** Marks the keys the start creates, so the next start revokes them. */
    static final String CREATED_BY = "server start";

    private final CountDownLatch stopped = new CountDownLatch(1);

    /**
     * Starts the server and blocks until the process is stopped (Ctrl-C or SIGTERM).
     *
     * @param args the options, {@code --help} lists them
     */
    public static void main(String[] args) {
        int code = new CommandLine(new ServerMain()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Properties file = new Properties();
        if (configFile != null) {
            try (Reader r = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                file.load(r);
            }
            for (String k : file.stringPropertyNames()) {
                if (!Set.of("port", "host", "store", "input", "models", "admin-profile", "sample-days",
                        "sample-detector", "rate-limit", "rate-burst").contains(k) && !k.startsWith("source.")) {
                    throw new CommandLine.ParameterException(new CommandLine(this), "unknown key '" + k + "' in "
                            + configFile + "; the keys are the options without the dashes");
                }
            }
        }
        int p = port != null ? port : Integer.parseInt(file.getProperty("port", "8080"));
        String h = host != null ? host : file.getProperty("host", "127.0.0.1");
        String storeArg = store != null ? store : file.getProperty("store", "anomaly-data");
        Path in = input != null ? input : file.containsKey("input") ? Path.of(file.getProperty("input")) : null;
        int days = sampleDays != null ? sampleDays : Integer.parseInt(file.getProperty("sample-days", "30"));
        String detector = sampleDetector != null ? sampleDetector : file.getProperty("sample-detector", "ensemble");
        double rate = rateLimit != null ? rateLimit : Double.parseDouble(file.getProperty("rate-limit", "20"));
        int burst = rateBurst != null ? rateBurst : Integer.parseInt(file.getProperty("rate-burst", "60"));
        List<String> admins = adminProfiles != null ? adminProfiles : file.containsKey("admin-profile")
                ? List.of(file.getProperty("admin-profile").split(",")) : List.of();

        MetricSource table;
        try {
            table = tableSource(file, in);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }

        boolean embedded = !storeArg.startsWith("jdbc:");
        AlertStore alertStore = embedded ? AlertStore.embedded(Path.of(storeArg))
                : AlertStore.open(storeArg, StoreConfig.DEFAULT);
        Path modelDir = models != null ? models : file.containsKey("models") ? Path.of(file.getProperty("models"))
                : embedded ? Path.of(storeArg, "models") : Path.of("models");
        AnomalyService service = new AnomalyService();
        MetricSource source;
        ServerConfig.Builder config = ServerConfig.builder().host(h).port(p).rateLimit(rate, burst);
        Set<ProfileId> keyProfiles = new LinkedHashSet<>();
        for (String a : admins) {
            keyProfiles.add(ProfileId.of(a.trim()));
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        if (table != null) {
            source = table;
        } else if (in == null) {
            SampleBootstrap.Sample sample = SampleBootstrap.generate(SampleConfig.DEFAULT);
            source = sample.source();
            out.println("Preparing the built-in sample (" + sample.account().keywordIds().size() + " keywords, "
                    + SampleConfig.DEFAULT.days() + " days): the first start trains its model and judges its last "
                    + days + " days (about two minutes); later starts reuse them.");
            SampleBootstrap.prepare(sample, alertStore, service, modelDir, detector, days);
            config.referenceDay(sample.account().end().toLocalDate());
            keyProfiles.add(sample.profile());
        } else {
            if (!Files.isRegularFile(in)) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--input must be a readable file, "
                        + "got '" + in + "'");
            }
            source = CsvMetricSource.of(in, OnError.FAIL);
        }
        AnomalyServer server = AnomalyServer.builder(alertStore, source).config(config.build()).service(service)
                .models(ModelProvider.directory(modelDir)).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            alertStore.close();
            stopped.countDown();
        }, "ppca-shutdown"));
        out.println();
        out.println("PPC Anomaly is running: " + server.url() + "/   (API docs: " + server.url() + "/docs)");
        out.println("Store: " + alertStore.url() + "; metrics: " + source.description());
        if (!keyProfiles.isEmpty()) {
            CreatedKey key = adminKey(server.keys(), keyProfiles);
            out.println("Admin key for profile " + String.join(", ", keyProfiles.stream().map(ProfileId::value)
                    .toList()) + " (shown once; the previous start's key is revoked):");
            out.println("  " + key.secret());
            out.println("Sign in to the dashboard with it, or call the API: curl -H 'Authorization: Bearer "
                    + key.secret() + "' " + server.url() + "/api/anomaly/alerts/active");
        } else {
            out.println("No admin key created: pass --admin-profile ID to create one for your profiles.");
        }
        out.println("Stop with Ctrl-C.");
        stopped.await();
        return 0;
    }

    /** Revokes the keys an earlier start created for these profiles and creates a new admin key. */
    static CreatedKey adminKey(ApiKeys keys, Set<ProfileId> profiles) {
        List<String> revoke = new ArrayList<>();
        for (ProfileId p : profiles) {
            for (ApiKey k : keys.list(p)) {
                if (k.isActive() && k.createdBy().equals(CREATED_BY) && !revoke.contains(k.keyId())) {
                    revoke.add(k.keyId());
                }
            }
        }
        revoke.forEach(keys::revoke);
        return keys.create(Role.ADMIN, profiles, "admin (server start)", CREATED_BY);
    }

    /**
     * The host's performance table as the metric source, from the configuration file's {@code source.*} keys.
     *
     * @param file  the configuration file's keys
     * @param input the report CSV given, or {@code null}
     * @return the source, or {@code null} when the file has no {@code source.*} key
     * @throws IllegalArgumentException naming the key of a bad setting, a type other than jdbc, or a report CSV
     *                                  given as well
     */
    static MetricSource tableSource(Properties file, Path input) {
        MetricSource table = JdbcSourceConfig.ofPrefixed(file, "source.", "server config");
        if (table != null && input != null) {
            throw new IllegalArgumentException("server config: 'input' (" + input + ") and 'source.*' are two metric "
                    + "sources; give one");
        }
        return table;
    }
}
