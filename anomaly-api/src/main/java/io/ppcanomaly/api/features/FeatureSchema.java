package io.ppcanomaly.api.features;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ordered, unique names of the features in a {@link FeatureWindow}. Immutable.
 *
 * <p>A fitted detector remembers its schema and rejects windows with other names or another count, so a model
 * trained on one feature set can never silently score another.
 */
public final class FeatureSchema {

    /** Name of the click-through-rate feature. */
    public static final String CTR = "ctr";
    /** Name of the cost-per-click feature. */
    public static final String CPC = "cpc";
    /** Name of the advertising-cost-of-sales feature. */
    public static final String ACOS = "acos";
    /** Name of the conversion-rate feature. */
    public static final String CVR = "cvr";
    /** Name of the impressions-volume feature. */
    public static final String IMPRESSIONS = "impressions";
    /** Name of the spend-volume feature. */
    public static final String SPEND = "spend";

    /**
     * The default PPC feature set: the three KPIs of the seed system (CTR, CPC, ACOS), conversion rate (a price
     * change or a stock-out moves it first), and two volumes, impressions and spend, because budget exhaustion
     * and reporting outages move volumes, not ratios.
     */
    public static final FeatureSchema DEFAULT = of(CTR, CPC, ACOS, CVR, IMPRESSIONS, SPEND);

    private final List<String> names;
    private final Map<String, Integer> index;

    private FeatureSchema(List<String> names) {
        this.names = List.copyOf(names);
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < this.names.size(); i++) {
            idx.put(this.names.get(i), i);
        }
        this.index = Map.copyOf(idx);
    }

    /**
     * @param names one or more unique, non-blank feature names
     * @throws IllegalArgumentException for an empty list, a blank or a repeated name
     */
    public static FeatureSchema of(String... names) {
        return of(List.of(names));
    }

    /** @see #of(String...) */
    public static FeatureSchema of(List<String> names) {
        Objects.requireNonNull(names, "names");
        if (names.isEmpty()) {
            throw new IllegalArgumentException("feature names must not be empty");
        }
        List<String> seen = new ArrayList<>();
        for (String n : names) {
            if (n == null || n.isBlank()) {
                throw new IllegalArgumentException("feature name must not be blank, got '" + n + "'");
            }
            if (seen.contains(n)) {
                throw new IllegalArgumentException("feature names must be unique, got '" + n + "' twice");
            }
            seen.add(n);
        }
        return new FeatureSchema(seen);
    }

    /** @return generic names {@code x0 … x(n-1)} for tabular data */
    public static FeatureSchema generic(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("number of features must be > 0, got " + n);
        }
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add("x" + i);
        }
        return new FeatureSchema(out);
    }

    /** @return the number of features */
    public int size() {
        return names.size();
    }

    /** @return the names, in order */
    public List<String> names() {
        return names;
    }

    /** @return the name of feature {@code i} */
    public String name(int i) {
        return names.get(i);
    }

    /** @return the position of a feature, or -1 when absent */
    public int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    /**
     * Checks that a window uses exactly this schema.
     *
     * @throws IllegalArgumentException naming the window's features and the expected ones
     */
    public void requireSame(FeatureSchema other) {
        if (!equals(other)) {
            throw new IllegalArgumentException("window features must be " + names + ", got " + other.names);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureSchema s && s.names.equals(names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    @Override
    public String toString() {
        return names.toString();
    }
}
