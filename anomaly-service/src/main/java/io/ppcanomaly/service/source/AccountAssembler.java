package io.ppcanomaly.service.source;

import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import io.ppcanomaly.api.model.Metrics;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds an {@link AccountData} from keyword-report rows in any order: the hierarchy (profile → portfolio →
 * campaign → ad group → keyword or product target) and each leaf's series. Not thread-safe; one per load.
 *
 * <h2>Identity</h2>
 * An entity is identified by its id column when given ({@code campaign_id}, {@code ad_group_id},
 * {@code keyword_id}), otherwise by its path {@code portfolio/campaign/ad_group/keyword}. A campaign outside any
 * portfolio has an empty first segment ({@code /Campaign/Ad group/kw}). A {@code /} or {@code %} inside a name
 * is escaped as {@code %2F} / {@code %25}, so paths never collide. When a match type is given, the keyword
 * segment is {@code keyword [match]}: Amazon lists one keyword text under several match types. When the rows
 * hold more than one profile, paths start with the profile id, since two profiles may reuse names. Portfolios
 * are identified by path only (reports carry no portfolio id). Names and parents come from each entity's
 * latest row, so a renamed campaign with an id keeps its history.
 *
 * <h2>Leaf type</h2>
 * A leaf with match type broad, phrase or exact is a {@link EntityType#KEYWORD}; one whose targeting is an
 * expression ({@code asin="…"}, {@code category="…"}) or an automatic targeting group ({@code close-match},
 * {@code loose-match}, {@code substitutes}, {@code complements}) is a {@link EntityType#PRODUCT_TARGET};
 * anything else is a keyword.
 *
 * <h2>Profile</h2>
 * Rows name their advertiser profile in {@code profile_id}; when none of them does (Amazon's keyword report has
 * no profile column), the account's root is the profile {@value #DEFAULT_PROFILE}: an account-wide problem then
 * has one entity above the portfolios to be traced to, and the alert store keeps such data under the same
 * profile. Entity ids do not change (paths start with the profile only when the rows hold several).
 *
 * <h2>Duplicates</h2>
 * A second row for the same leaf and period is a {@link RowProblem#DUPLICATE}, reported on the later line.
 */
public final class AccountAssembler {

    private static final Set<String> KEYWORD_MATCHES = Set.of("broad", "phrase", "exact");
    private static final Set<String> AUTO_TARGETS = Set.of("close-match", "loose-match", "substitutes",
            "complements");

    /**
     * The profile of data whose rows name none: the root of its hierarchy, and the profile the alert store and the
     * command line keep it under.
     */
    public static final String DEFAULT_PROFILE = "default";

    private final Granularity granularity;
    private final RowLedger ledger;
    private final Map<String, Leaf> leaves = new LinkedHashMap<>();

    /**
     * @param granularity the period length of every row
     * @param ledger      where duplicates are refused and counted
     */
    public AccountAssembler(Granularity granularity, RowLedger ledger) {
        this.granularity = Objects.requireNonNull(granularity, "granularity");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    /** @return the granularity rows must have */
    public Granularity granularity() {
        return granularity;
    }

    /**
     * Adds one row.
     *
     * @throws IllegalArgumentException when the period is not aligned to the granularity
     */
    public void add(ReportRow row) {
        Objects.requireNonNull(row, "row");
        if (!granularity.isAligned(row.period())) {
            throw new IllegalArgumentException("period must be aligned to a whole "
                    + granularity.name().toLowerCase(Locale.ROOT) + ", got " + row.period());
        }
        String key = leafKey(row);
        Leaf leaf = leaves.computeIfAbsent(key, k -> new Leaf());
        leaf.add(row);
    }

    /** @return the number of distinct leaves so far */
    public int leafCount() {
        return leaves.size();
    }

    /** @return the distinct profiles of the rows added, sorted ({@code null} excluded) */
    public Set<String> profiles() {
        Set<String> out = new TreeSet<>();
        for (Leaf l : leaves.values()) {
            if (l.latest.profileId() != null) {
                out.add(l.latest.profileId());
            }
        }
        return out;
    }

    private static String leafKey(ReportRow r) {
        String profile = r.profileId() == null ? "" : r.profileId();
        if (r.keywordId() != null) {
            return profile + "\u0000#" + r.keywordId();
        }
        return profile + "\u0000" + nz(r.portfolio()) + "\u0000" + (r.campaignId() != null ? "#" + r.campaignId()
                : r.campaign()) + "\u0000" + (r.adGroupId() != null ? "#" + r.adGroupId() : r.adGroup())
                + "\u0000" + r.keyword() + "\u0000" + nz(r.matchType()).toLowerCase(Locale.ROOT);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /**
     * Builds the account. Duplicate rows are refused through the ledger here (the later line of each pair).
     *
     * @throws ReportFormatException for a duplicate under {@link OnError#FAIL}, or a hierarchy the graph
     *                               rejects (an id used for two entities)
     */
    public AccountData build() throws ReportFormatException {
        Set<String> profiles = profiles();
        boolean multiProfile = profiles.size() > 1;
        String rootProfile = profiles.isEmpty() ? DEFAULT_PROFILE : null;
        List<Leaf> ordered = new ArrayList<>(leaves.values());
        // Latest row last, so the latest name and parent of every entity win.
        ordered.sort(Comparator.comparing((Leaf l) -> l.latest.period()).thenComparingLong(l -> l.latest.line()));
        Map<String, Entity> entities = new LinkedHashMap<>();
        Map<Leaf, String> leafIds = new HashMap<>();
        for (Leaf l : ordered) {
            leafIds.put(l, addPath(l.latest, multiProfile, rootProfile, entities));
        }
        Map<String, MetricSeries> series = new LinkedHashMap<>();
        for (Leaf l : leaves.values()) {
            String id = leafIds.get(l);
            MetricSeries s = l.series(id);
            if (s != null) {
                series.put(id, s);
            }
        }
        EntityGraph graph;
        try {
            graph = EntityGraph.of(entities.values());
        } catch (IllegalArgumentException e) {
            throw new ReportFormatException(ledger.source() + ": the hierarchy is inconsistent: " + e.getMessage());
        }
        return new AccountData(graph, granularity, series, ledger.summary());
    }

    private static String addPath(ReportRow r, boolean multiProfile, String rootProfile, Map<String, Entity> out) {
        String parent = null;
        String path = "";
        String profile = r.profileId() != null ? r.profileId() : rootProfile;
        if (profile != null) {
            parent = profile;
            out.put(parent, new Entity(parent, EntityType.PROFILE, "profile " + parent, null));
            if (multiProfile) {
                path = escape(r.profileId()) + "/";
            }
        }
        if (r.portfolio() != null) {
            String id = path + escape(r.portfolio());
            out.put(id, new Entity(id, EntityType.PORTFOLIO, r.portfolio(), parent));
            parent = id;
        }
        path = path + escape(nz(r.portfolio())) + "/" + escape(r.campaign());
        String campaignId = r.campaignId() != null ? r.campaignId() : path;
        out.put(campaignId, new Entity(campaignId, EntityType.CAMPAIGN, r.campaign(), parent));
        path = path + "/" + escape(r.adGroup());
        String adGroupId = r.adGroupId() != null ? r.adGroupId() : path;
        out.put(adGroupId, new Entity(adGroupId, EntityType.AD_GROUP, r.adGroup(), campaignId));
        String name = r.matchType() == null ? r.keyword()
                : r.keyword() + " [" + r.matchType().toLowerCase(Locale.ROOT) + "]";
        path = path + "/" + escape(name);
        String leafId = r.keywordId() != null ? r.keywordId() : path;
        out.put(leafId, new Entity(leafId, leafType(r), name, adGroupId));
        return leafId;
    }

    static EntityType leafType(ReportRow r) {
        String match = r.matchType() == null ? "" : r.matchType().toLowerCase(Locale.ROOT);
        if (KEYWORD_MATCHES.contains(match)) {
            return EntityType.KEYWORD;
        }
        String k = r.keyword().toLowerCase(Locale.ROOT);
        if (k.contains("=") || AUTO_TARGETS.contains(k)) {
            return EntityType.PRODUCT_TARGET;
        }
        return EntityType.KEYWORD;
    }

    /** @return a name made safe as a path segment ({@code %} → {@code %25}, {@code /} → {@code %2F}) */
    public static String escape(String name) {
        if (name.indexOf('/') < 0 && name.indexOf('%') < 0) {
            return name;
        }
        return name.replace("%", "%25").replace("/", "%2F");
    }

    /** The rows of one leaf, in arrival order. */
    private final class Leaf {
        ReportRow latest;
        LocalDateTime[] periods = new LocalDateTime[8];
        long[] lines = new long[8];
        Metrics[] metrics = new Metrics[8];
        int n;

        void add(ReportRow r) {
            if (latest == null || r.period().isAfter(latest.period())
                    || (r.period().equals(latest.period()) && r.line() > latest.line())) {
                latest = r;
            }
            if (n == periods.length) {
                periods = Arrays.copyOf(periods, n * 2);
                lines = Arrays.copyOf(lines, n * 2);
                metrics = Arrays.copyOf(metrics, n * 2);
            }
            periods[n] = r.period();
            lines[n] = r.line();
            metrics[n] = r.metrics();
            n++;
        }

        MetricSeries series(String id) throws ReportFormatException {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparing((Integer i) -> periods[i]).thenComparingLong(i -> lines[i]));
            MetricSeries.Builder b = MetricSeries.builder(id, granularity);
            LocalDateTime last = null;
            long lastLine = 0;
            int added = 0;
            for (int i : order) {
                if (periods[i].equals(last)) {
                    ledger.refuse(new RowError(lines[i], null, null, RowProblem.DUPLICATE,
                            "a second row for '" + id + "' on " + granularity.format(periods[i])
                                    + " (first on line " + lastLine + ")"));
                    continue;
                }
                b.add(periods[i], metrics[i]);
                last = periods[i];
                lastLine = lines[i];
                added++;
            }
            return added == 0 ? null : b.build();
        }
    }
}
