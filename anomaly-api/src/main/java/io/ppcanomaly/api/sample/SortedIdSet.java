package io.ppcanomaly.api.sample;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * An immutable set of ids kept as one sorted array: iteration in natural (lexicographic) order, membership by
 * binary search. A reporting outage lists every keyword of the profile, a million of them in a scaling run, so
 * this costs one reference per id where a {@code TreeSet} would cost a node object each.
 */
final class SortedIdSet extends AbstractSet<String> {

    private final String[] ids;

    private SortedIdSet(String[] sortedUnique) {
        this.ids = sortedUnique;
    }

    /**
     * @return an immutable sorted copy of {@code ids} (the same instance when it already is one)
     * @throws IllegalArgumentException for a null or blank id
     */
    static SortedIdSet copyOf(Collection<String> ids) {
        Objects.requireNonNull(ids, "ids");
        if (ids instanceof SortedIdSet s) {
            return s;
        }
        String[] a = ids.toArray(new String[0]);
        for (String id : a) {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("keyword id must not be blank, got '" + id + "'");
            }
        }
        if (!isSortedUnique(a)) {
            Arrays.sort(a);
            int n = 0;
            for (int i = 0; i < a.length; i++) {
                if (n == 0 || !a[i].equals(a[n - 1])) {
                    a[n++] = a[i];
                }
            }
            a = Arrays.copyOf(a, n);
        }
        return new SortedIdSet(a);
    }

    private static boolean isSortedUnique(String[] a) {
        for (int i = 1; i < a.length; i++) {
            if (a[i - 1].compareTo(a[i]) >= 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean contains(Object o) {
        return o instanceof String s && Arrays.binarySearch(ids, s) >= 0;
    }

    @Override
    public int size() {
        return ids.length;
    }

    @Override
    public Iterator<String> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < ids.length;
            }

            @Override
            public String next() {
                if (next >= ids.length) {
                    throw new NoSuchElementException();
                }
                return ids[next++];
            }
        };
    }

    @Override
    public Object[] toArray() {
        return ids.clone();
    }
}
