package io.ppcanomaly.store;

/**
 * A page of a listing: skip {@code offset} rows, return at most {@code limit}. Immutable.
 *
 * @param offset rows to skip, &ge; 0
 * @param limit  rows to return, 1 to {@value #MAX_LIMIT}
 */
public record Page(int offset, int limit) {

    /** The largest page. */
    public static final int MAX_LIMIT = 1000;

    /** The first 50 rows. */
    public static final Page DEFAULT = first(50);

    /** Validates. */
    public Page {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, got " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
    }

    /** @return the first {@code limit} rows */
    public static Page first(int limit) {
        return new Page(0, limit);
    }

    /** @return the page after this one, same size */
    public Page next() {
        return new Page(offset + limit, limit);
    }
}
