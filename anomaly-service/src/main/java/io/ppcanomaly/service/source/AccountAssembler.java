package io.ppcanomaly.service.source;

import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import java.time.LocalDate;
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
import java.util.stream.IntStream;

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

    /** Leaves from which series are built on the common pool as well as the calling thread. */
    private static final int PARALLEL_LEAVES = 512;

    /**
     * The profile of data whose rows name none: the root of its hierarchy, and the profile the alert store and the
     * command line keep it under.
     */
    public static final String DEFAULT_PROFILE = "default";

    private final Granularity granularity;
    private final RowLedger ledger;
    private final RowError.Position position;
    private final Map<String, Leaf> leaves = new LinkedHashMap<>();
    private final RowTable rows = new RowTable();
    /** How many periods to keep (0: all), ending at {@link #untilOrdinal} or at the latest row. */
    private final int history;
    /** The ordinal of the query's {@code until}, or {@link Long#MAX_VALUE} when it has none. */
    private final long untilOrdinal;
    /** The latest period added, as an ordinal. */
    private long maxOrdinal = Long.MIN_VALUE;

    /**
     * An assembler of CSV rows: a duplicate is reported by line.
     *
     * @param granularity the period length of every row
     * @param ledger      where duplicates are refused and counted
     */
    public AccountAssembler(Granularity granularity, RowLedger ledger) {
        this(granularity, ledger, RowError.Position.LINE_COLUMN);
    }

    /**
     * @param granularity the period length of every row
     * @param ledger      where duplicates are refused and counted
     * @param position    how {@link ReportRow#line()} is named in a duplicate's message (a line, or the record of
     *                    a JSON array)
     */
    public AccountAssembler(Granularity granularity, RowLedger ledger, RowError.Position position) {
        this(granularity, ledger, position, MetricQuery.ALL);
    }

    /**
     * An assembler keeping only the {@link MetricQuery#history() history} {@code query} asks for: at {@link #build()},
     * rows before it (before the query's {@code until}, or the latest row, minus the history) are counted as
     * {@link RowLedger#filtered() filtered} and left out of the series. What is kept is exactly the end of what
     * every period would give: the hierarchy still holds every entity of every row added, with the names and parents
     * of its latest row (so the graph — what root causes sample and incidents climb — does not change), and a leaf
     * with rows before the history has its series start at the history's first period, with zero activity up to
     * its next row (one period of zeros when it has no later row), as its full series would run through it. The
     * rest of the query (its profile, its {@code until}) is the source's to apply before {@link #add}.
     *
     * @param granularity the period length of every row
     * @param ledger      where duplicates are refused and filtered rows counted
     * @param position    how {@link ReportRow#line()} is named in a duplicate's message
     * @param query       the query whose history to keep
     */
    public AccountAssembler(Granularity granularity, RowLedger ledger, RowError.Position position,
                            MetricQuery query) {
        this.granularity = Objects.requireNonNull(granularity, "granularity");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.position = Objects.requireNonNull(position, "position");
        this.history = Objects.requireNonNull(query, "query").history();
        this.untilOrdinal = query.until() == null ? Long.MAX_VALUE : ordinal(query.until(), granularity);
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
        add(row, leafKey(row), ordinal(row.period(), granularity));
    }

    /**
     * Adds a row whose period is known to be aligned and whose {@link #leafKey} and {@link #ordinal} were computed
     * by the caller (on another thread, for a reader that parses blocks in parallel).
     */
    void add(ReportRow row, String key, long ordinal) {
        maxOrdinal = Math.max(maxOrdinal, ordinal);
        Leaf leaf = leaves.get(key);
        if (leaf == null) {
            leaf = new Leaf(leaves.size());
            leaves.put(key, leaf);
        }
        leaf.add(row, ordinal);
        rows.add(leaf.index, ordinal, row);
    }

    /**
     * @return the first period kept, as an ordinal: the history's end (the query's {@code until}, else the latest
     *         row so far) minus the history; {@link Long#MIN_VALUE} when every period is kept
     */
    private long firstOrdinal() {
        if (history == 0 || maxOrdinal == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        return Math.min(untilOrdinal, maxOrdinal) - (history - 1L);
    }

    /**
     * @return a period (aligned, or the start of the day or hour it falls in) as days (or hours) since the epoch:
     *         cheap to compare, no time arithmetic
     */
    static long ordinal(LocalDateTime period, Granularity granularity) {
        long day = period.toLocalDate().toEpochDay();
        return granularity == Granularity.DAY ? day : day * 24 + period.getHour();
    }

    /** @return the period of an ordinal ({@link #ordinal}'s inverse) */
    private LocalDateTime period(long ordinal) {
        if (granularity == Granularity.DAY) {
            return LocalDate.ofEpochDay(ordinal).atStartOfDay();
        }
        return LocalDate.ofEpochDay(Math.floorDiv(ordinal, 24)).atTime((int) Math.floorMod(ordinal, 24), 0);
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

    /** @return the key of the row's leaf: its id when given, else its path and match type */
    static String leafKey(ReportRow r) {
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
     * Builds the account. Duplicate rows are refused through the ledger here (the later line of each pair). With a
     * history, rows before it are counted as filtered and left out here (two rows of one leaf and period before it
     * are filtered, not refused as duplicates).
     *
     * @throws ReportFormatException for a duplicate under {@link OnError#FAIL}, or a hierarchy the graph
     *                               rejects (an id used for two entities)
     */
    public AccountData build() throws ReportFormatException {
        long first = firstOrdinal();
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
        int[][] grouped = rows.byLeaf(leaves.size());
        List<Leaf> all = new ArrayList<>(leaves.values());
        Built[] built = new Built[all.size()];
        // Each leaf's series is built on its own (in parallel for a large account); duplicates are then refused in
        // leaf order, as a one-thread build would.
        IntStream range = IntStream.range(0, all.size());
        (all.size() >= PARALLEL_LEAVES ? range.parallel() : range).forEach(k -> {
            Leaf l = all.get(k);
            built[k] = l.series(leafIds.get(l), grouped[1], grouped[0][l.index], grouped[0][l.index + 1], first);
        });
        Map<String, MetricSeries> series = new LinkedHashMap<>();
        long older = 0;
        for (int k = 0; k < built.length; k++) {
            older += built[k].older();
        }
        ledger.filtered(older);
        for (int k = 0; k < built.length; k++) {
            for (RowError e : built[k].duplicates()) {
                ledger.refuse(e);
            }
            if (built[k].series() != null) {
                series.put(built[k].series().entityId(), built[k].series());
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
        return leafType(r.keyword(), r.matchType());
    }

    /**
     * The level of a report's leaf, as this assembler decides it for every source: a keyword when its match type
     * is broad, phrase or exact, a product target when its text is a targeting expression ({@code asin="…"},
     * {@code category="…"}) or an automatic targeting group, a keyword otherwise.
     *
     * @param keyword   the keyword text or targeting expression, non-null
     * @param matchType the match type, or {@code null}
     * @return {@link EntityType#KEYWORD} or {@link EntityType#PRODUCT_TARGET}
     */
    public static EntityType leafType(String keyword, String matchType) {
        String match = matchType == null ? "" : matchType.toLowerCase(Locale.ROOT);
        if (KEYWORD_MATCHES.contains(match)) {
            return EntityType.KEYWORD;
        }
        String k = keyword.toLowerCase(Locale.ROOT);
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

    /**
     * One leaf: its latest row (its name and parents) and whether its rows came in order; its rows are in the
     * {@link RowTable}.
     */
    private final class Leaf {
        final int index;
        ReportRow latest;
        long lastOrdinal = Long.MIN_VALUE;
        long lastLine;
        /** Whether the rows so far came in period order (then line order): the usual case, needing no sort. */
        boolean ordered = true;

        Leaf(int index) {
            this.index = index;
        }

        void add(ReportRow r, long ordinal) {
            if (latest == null || (r.period() == latest.period() ? r.line() > latest.line()
                    : r.period().isAfter(latest.period()) || (r.period().equals(latest.period())
                    && r.line() > latest.line()))) {
                latest = r;
            }
            if (ordinal < lastOrdinal || (ordinal == lastOrdinal && r.line() < lastLine)) {
                ordered = false;
            }
            lastOrdinal = ordinal;
            lastLine = r.line();
        }

        /**
         * @param first the first period kept, as an ordinal; earlier rows are counted as older and left out
         * @return the series of the rows {@code order[from, to)} (sorted here when they came out of order; null when
         *         no row is left), the duplicates left out, in order, and the rows older than {@code first};
         *         touches nothing shared
         */
        Built series(String id, int[] order, int from, int to, long first) {
            RowTable t = rows;
            if (!ordered) {
                Integer[] boxed = new Integer[to - from];
                for (int i = from; i < to; i++) {
                    boxed[i - from] = order[i];
                }
                Arrays.sort(boxed, Comparator.comparingLong((Integer i) -> t.ordinal[i])
                        .thenComparingLong(i -> t.line[i]));
                for (int i = from; i < to; i++) {
                    order[i] = boxed[i - from];
                }
            }
            MetricSeries.Builder b = MetricSeries.builder(id, granularity);
            List<RowError> duplicates = List.of();
            long last = Long.MIN_VALUE;
            long firstLine = 0;
            int added = 0;
            int older = 0;
            for (int k = from; k < to; k++) {
                int i = order[k];
                if (t.ordinal[i] < first) {
                    older++;
                    continue;
                }
                if (older > 0 && added == 0 && t.ordinal[i] > first) {
                    // The full series runs through the history's first period (zero activity until this row):
                    // start there too, so every window, sum and index from it on is the same.
                    b.add(period(first), 0, 0, 0, 0, 0);
                }
                if (t.ordinal[i] == last) {
                    if (duplicates.isEmpty()) {
                        duplicates = new ArrayList<>();
                    }
                    duplicates.add(new RowError(t.line[i], null, null, RowProblem.DUPLICATE,
                            "a second row for '" + id + "' on " + granularity.format(t.period[i])
                                    + " (first on " + position.rowName() + " " + firstLine + ")", null, position));
                    continue;
                }
                b.add(t.period[i], t.impressions[i], t.clicks[i], t.spend[i], t.sales[i], t.orders[i]);
                last = t.ordinal[i];
                firstLine = t.line[i];
                added++;
            }
            if (added == 0 && older > 0) {
                // Every row is before the history: the full series ends before it. One period of zero activity
                // where the history starts keeps the sums above it starting there as well.
                return new Built(b.add(period(first), 0, 0, 0, 0, 0).build(), duplicates, older);
            }
            return new Built(added == 0 ? null : b.build(), duplicates, older);
        }
    }

    /** A leaf's series (or {@code null}), its duplicate rows and how many of its rows were older than the history. */
    private record Built(MetricSeries series, List<RowError> duplicates, int older) {
    }
}
