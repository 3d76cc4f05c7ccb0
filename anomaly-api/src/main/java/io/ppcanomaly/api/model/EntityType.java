package io.ppcanomaly.api.model;

/**
 * Levels of the PPC account hierarchy, from the advertiser profile down to a keyword or product target.
 *
 * <p>{@link #level()} orders the types: a parent's level is always lower than its child's. Keywords and
 * product targets share the leaf level; both sit under an ad group.
 */
public enum EntityType {
    /** An advertiser profile (one marketplace account). */
    PROFILE(0),
    /** A portfolio grouping campaigns. */
    PORTFOLIO(1),
    /** A campaign, where budgets live. */
    CAMPAIGN(2),
    /** An ad group inside a campaign. */
    AD_GROUP(3),
    /** A keyword (search-term target). */
    KEYWORD(4),
    /** A product (ASIN or category) target; a leaf like a keyword. */
    PRODUCT_TARGET(4);

    private final int level;

    EntityType(int level) {
        this.level = level;
    }

    /** @return depth in the hierarchy, 0 for a profile, 4 for keywords and product targets */
    public int level() {
        return level;
    }

    /** @return whether an entity of this type may be the parent of one of type {@code child} */
    public boolean canParent(EntityType child) {
        return level < child.level;
    }

    /** @return the lower-case name used in reports and JSON, e.g. {@code ad_group} */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Parses a type by its wire name or enum name, case-insensitively ({@code keyword}, {@code AD_GROUP}).
     *
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static EntityType parse(String value) {
        java.util.Objects.requireNonNull(value, "entity type");
        String v = value.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        for (EntityType t : values()) {
            if (t.name().equals(v)) {
                return t;
            }
        }
        throw new IllegalArgumentException("entity type must be one of "
                + java.util.Arrays.toString(values()).toLowerCase(java.util.Locale.ROOT) + ", got '" + value + "'");
    }
}
