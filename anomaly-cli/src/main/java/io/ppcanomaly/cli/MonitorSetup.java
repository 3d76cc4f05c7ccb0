package io.ppcanomaly.cli;

import io.ppcanomaly.monitor.AnomalyMonitor;
import io.ppcanomaly.monitor.MonitorConfig;
import io.ppcanomaly.monitor.MetricSourceFactory;
import io.ppcanomaly.monitor.source.MonitorSources;
import io.ppcanomaly.monitor.source.MonitorStores;
import io.ppcanomaly.store.AlertStore;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import picocli.CommandLine;

/**
 * A monitor from its configuration file, for {@code monitor} and {@code run-once}: every key checked before anything
 * starts (a bad key or value is bad usage, named with its value), then the store opened and the monitor built.
 */
final class MonitorSetup implements AutoCloseable {

    final MonitorConfig config;
    final Properties sourceKeys;
    final AlertStore store;
    final AnomalyMonitor monitor;

    private MonitorSetup(MonitorConfig config, AlertStore store, AnomalyMonitor monitor) {
        this.config = config;
        this.sourceKeys = config.sourceKeys();
        this.store = store;
        this.monitor = monitor;
    }

    /**
     * @throws CommandLine.ParameterException for a missing file or a bad key or value (exit code 2)
     */
    static MonitorSetup open(CommandLine cl, Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(cl, "--config must be a readable monitor.properties file, got '"
                    + file + "'");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, file + " cannot be read: " + e.getMessage());
        }
        MonitorConfig config;
        MetricSourceFactory sources;
        try {
            config = MonitorConfig.of(p);
            sources = MonitorSources.of(config.sourceKeys());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, file + ": " + e.getMessage());
        }
        Clock clock = Clock.systemUTC();
        AlertStore store;
        try {
            store = MonitorStores.open(config.storeKeys(), clock);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, file + ": " + e.getMessage());
        }
        try {
            AnomalyMonitor monitor = AnomalyMonitor.builder().config(config).store(store).sources(sources).clock(clock)
                    .build();
            return new MonitorSetup(config, store, monitor);
        } catch (IllegalArgumentException e) {
            store.close();
            throw new CommandLine.ParameterException(cl, file + ": " + e.getMessage());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** @return whether the source is the built-in sample (its labels can score the alerts) */
    boolean sampleSource() {
        return "sample".equalsIgnoreCase(sourceKeys.getProperty("type", "").trim());
    }

    @Override
    public void close() {
        try {
            monitor.close();
        } finally {
            store.close();
        }
    }
}
