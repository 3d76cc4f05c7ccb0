package io.ppcanomaly.monitor.source;

import io.ppcanomaly.monitor.config.ConfigReader;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.Retention;
import io.ppcanomaly.store.StoreConfig;
import io.ppcanomaly.store.jdbc.UrlDataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * The alert store from the monitor's configuration file ({@code store.*} keys):
 *
 * <table>
 *   <caption>Store keys</caption>
 *   <tr><th>key</th><th>meaning</th></tr>
 *   <tr><td>{@code store.dir}</td><td>a directory for the embedded H2 database (created if missing)</td></tr>
 *   <tr><td>{@code store.url}</td><td>a JDBC URL ({@code jdbc:postgresql://host:5432/db}); one of the two</td></tr>
 *   <tr><td>{@code store.user}, {@code store.password}</td><td>credentials for {@code store.url}</td></tr>
 *   <tr><td>{@code store.migrate}</td><td>{@code true} (default): migrate the schema on open; {@code false} for a
 *       role that may not change it</td></tr>
 *   <tr><td>{@code store.archive-after}</td><td>archive alerts resolved longer ago (default 90d)</td></tr>
 *   <tr><td>{@code store.delete-history-after}</td><td>delete archived alerts resolved longer ago (default: keep)
 *       </td></tr>
 * </table>
 */
public final class MonitorStores {

    private MonitorStores() {
    }

    /**
     * Opens the configured store (the caller closes it).
     *
     * @param keys  the {@code store.*} keys, prefix removed
     * @param clock the store's clock
     * @throws IllegalArgumentException naming the key and the value of a bad or unknown setting
     */
    public static AlertStore open(Properties keys, Clock clock) {
        ConfigReader r = new ConfigReader(keys);
        String dir = r.get("dir");
        String url = r.get("url");
        String user = r.get("user");
        String password = r.get("password");
        boolean migrate = r.bool("migrate", true);
        Duration archive = r.duration("archive-after", Retention.DEFAULT_ARCHIVE_AFTER);
        Duration delete = r.duration("delete-history-after", null);
        List<String> unknown = r.unread();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("monitor config key 'store." + unknown.get(0) + "' (value '"
                    + r.raw(unknown.get(0)) + "') is unknown: store keys are dir, url, user, password, migrate, "
                    + "archive-after, delete-history-after");
        }
        if ((dir == null) == (url == null)) {
            throw new IllegalArgumentException("monitor config keys 'store.dir' and 'store.url' must have exactly one "
                    + "set, got " + (dir == null ? "neither" : "both ('" + dir + "' and '" + url + "')"));
        }
        Retention retention;
        try {
            retention = new Retention(archive, delete);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("monitor config keys 'store.archive-after' / "
                    + "'store.delete-history-after' are not valid: " + e.getMessage(), e);
        }
        StoreConfig config = StoreConfig.builder().clock(clock).migrate(migrate).retention(retention).build();
        if (dir != null) {
            return AlertStore.embedded(Path.of(dir), config);
        }
        if (!url.startsWith("jdbc:")) {
            throw ConfigReader.error("store.url", url, "a JDBC URL starting with jdbc:");
        }
        UrlDataSource ds = new UrlDataSource(url, user, password);
        return AlertStore.open(ds, config.toBuilder().jdbcUrl(url).build());
    }
}
