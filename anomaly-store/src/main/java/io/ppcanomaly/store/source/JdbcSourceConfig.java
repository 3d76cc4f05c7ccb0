package io.ppcanomaly.store.source;

import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.service.source.OnError;
import io.ppcanomaly.service.source.ReportColumn;
import io.ppcanomaly.store.jdbc.UrlDataSource;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@link JdbcMetricSource} from configuration-file keys, for the applications' files (the monitor's and the
 * server's {@code source.*} keys):
 *
 * <table>
 *   <caption>Keys (shown with the {@code source.} prefix)</caption>
 *   <tr><th>key</th><th>meaning</th></tr>
 *   <tr><td>{@code source.url}, {@code source.user}, {@code source.password}</td><td>the host's database (a JDBC
 *       URL; the driver must be on the class path — H2's and PostgreSQL's are)</td></tr>
 *   <tr><td>{@code source.table} or {@code source.query}</td><td>the table, or a {@code SELECT} of the host's own:
 *       one row per keyword and period with the report's columns; exactly one</td></tr>
 *   <tr><td>{@code source.column.<field>}</td><td>the column holding a report field when its name differs
 *       ({@code source.column.spend = cost}); fields by the report CSV's names</td></tr>
 *   <tr><td>{@code source.granularity}</td><td>{@code day} (default) or {@code hour}</td></tr>
 *   <tr><td>{@code source.on-error}</td><td>{@code fail} (default) or {@code skip} bad rows</td></tr>
 *   <tr><td>{@code source.fetch-size}</td><td>rows per round trip (default 10,000)</td></tr>
 *   <tr><td>{@code source.history-in-database}</td><td>{@code true} or {@code false} (default: on PostgreSQL
 *       only; {@link JdbcMetricSource.Builder#historyInDatabase})</td></tr>
 * </table>
 *
 * Every bad or unknown key is refused naming the key and its value; nothing connects until the first load.
 */
public final class JdbcSourceConfig {

    private static final Set<String> KEYS = Set.of("type", "url", "user", "password", "table", "query",
            "granularity", "on-error", "fetch-size", "history-in-database");

    private JdbcSourceConfig() {
    }

    /**
     * @param keys   the keys, their prefix removed ({@code url}, {@code table}, {@code column.spend}, …; a
     *               {@code type} key is allowed and ignored)
     * @param prefix the prefix the file gives them, for messages ({@code source.})
     * @param file   what the file is, for messages ({@code monitor config})
     * @return the source
     * @throws IllegalArgumentException naming the key and the value of a missing, bad or unknown setting
     */
    public static JdbcMetricSource of(Properties keys, String prefix, String file) {
        for (String k : new TreeSet<>(keys.stringPropertyNames())) {
            if (!KEYS.contains(k) && !k.startsWith("column.")) {
                throw new IllegalArgumentException(file + " key '" + prefix + k + "' (value '" + keys.getProperty(k)
                        + "') is unknown for a jdbc source: its keys are " + new TreeSet<>(KEYS) + " and column.<field>");
            }
        }
        String url = get(keys, "url");
        if (url == null) {
            throw new IllegalArgumentException(file + " key '" + prefix + "url' must be set for a jdbc source (the "
                    + "host's database, e.g. jdbc:postgresql://host:5432/ads), got none");
        }
        if (!url.startsWith("jdbc:")) {
            throw error(file, prefix + "url", url, "a JDBC URL starting with jdbc:");
        }
        String table = get(keys, "table");
        String query = get(keys, "query");
        if ((table == null) == (query == null)) {
            throw new IllegalArgumentException(file + " keys '" + prefix + "table' and '" + prefix + "query' must "
                    + "have exactly one set for a jdbc source, got " + (table == null ? "neither"
                    : "both ('" + table + "' and '" + query + "')"));
        }
        JdbcMetricSource.Builder b = JdbcMetricSource.builder(new UrlDataSource(url, get(keys, "user"),
                get(keys, "password")));
        try {
            if (table != null) {
                b.table(table);
            } else {
                b.query(query);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " key '" + prefix + (table != null ? "table" : "query")
                    + "' is not valid: " + e.getMessage(), e);
        }
        String g = value(keys, "granularity", "day");
        b.granularity(switch (g.toLowerCase(Locale.ROOT)) {
            case "day" -> Granularity.DAY;
            case "hour" -> Granularity.HOUR;
            default -> throw error(file, prefix + "granularity", g, "day or hour");
        });
        String onError = value(keys, "on-error", "fail");
        b.onError(switch (onError.toLowerCase(Locale.ROOT)) {
            case "fail" -> OnError.FAIL;
            case "skip" -> OnError.SKIP;
            default -> throw error(file, prefix + "on-error", onError, "fail or skip");
        });
        String fetch = get(keys, "fetch-size");
        if (fetch != null) {
            try {
                b.fetchSize(Integer.parseInt(fetch));
            } catch (IllegalArgumentException e) {
                throw error(file, prefix + "fetch-size", fetch, "a whole number of rows in [1, 1000000]");
            }
        }
        String inDatabase = get(keys, "history-in-database");
        if (inDatabase != null) {
            b.historyInDatabase(switch (inDatabase.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw error(file, prefix + "history-in-database", inDatabase, "true or false");
            });
        }
        for (String k : new TreeSet<>(keys.stringPropertyNames())) {
            if (!k.startsWith("column.")) {
                continue;
            }
            String field = k.substring("column.".length());
            String column = keys.getProperty(k).trim();
            ReportColumn c = ReportColumn.of(field);
            if (c == null) {
                throw error(file, prefix + k, column, "a column for one of the report's fields (" + prefix
                        + "column.<field>, the field one of " + Arrays.stream(ReportColumn.values())
                        .map(ReportColumn::canonical).toList() + ")");
            }
            if (column.isEmpty()) {
                throw error(file, prefix + k, column, "a column name");
            }
            b.column(c, column);
        }
        return b.build();
    }

    /**
     * The source a whole file configures, if any: its keys starting with {@code prefix}, {@code type} (when given)
     * {@code jdbc}.
     *
     * @param all    every key of the file
     * @param prefix the source's keys' prefix ({@code source.})
     * @param file   what the file is, for messages
     * @return the source, or {@code null} when no key starts with {@code prefix}
     * @throws IllegalArgumentException naming the key and the value of a bad setting, or a type other than jdbc
     */
    public static JdbcMetricSource ofPrefixed(Properties all, String prefix, String file) {
        Properties keys = new Properties();
        for (String k : all.stringPropertyNames()) {
            if (k.startsWith(prefix)) {
                keys.setProperty(k.substring(prefix.length()), all.getProperty(k));
            }
        }
        if (keys.isEmpty()) {
            return null;
        }
        String type = value(keys, "type", "jdbc");
        if (!type.equalsIgnoreCase("jdbc")) {
            throw error(file, prefix + "type", type, "jdbc (the host's performance table)");
        }
        return of(keys, prefix, file);
    }

    private static String get(Properties keys, String key) {
        String v = keys.getProperty(key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static String value(Properties keys, String key, String def) {
        String v = get(keys, key);
        return v == null ? def : v;
    }

    private static IllegalArgumentException error(String file, String key, String value, String rule) {
        return new IllegalArgumentException(file + " key '" + key + "' must be " + rule + ", got '" + value + "'");
    }
}
