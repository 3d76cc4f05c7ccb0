package io.ppcanomaly.forest;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws {@code k} distinct row indices out of {@code n} with Floyd's algorithm (Bentley &amp; Floyd, "A sample of
 * brilliance", CACM 1987): exactly {@code k} random draws and O(k) memory, whatever {@code n} is. This is what
 * keeps fitting independent of the table's size: Smile 3.1.1's own {@code IsolationForest.fit} permutes the
 * whole table and grows every tree on all of it.
 */
final class Subsampler {

    private Subsampler() {
    }

    /**
     * @param n   population size, &ge; 1
     * @param k   sample size in [1, n]
     * @param rnd the random source (advanced by exactly {@code k} draws when {@code k < n}, none otherwise)
     * @return {@code k} distinct indices in [0, n), ascending
     */
    static int[] draw(int n, int k, SplittableRandom rnd) {
        assert k >= 1 && k <= n : "k must be in [1, n], got " + k + " of " + n;
        int[] out = new int[k];
        if (k == n) {
            for (int i = 0; i < n; i++) {
                out[i] = i;
            }
            return out;
        }
        IntSet chosen = new IntSet(k);
        int c = 0;
        for (int j = n - k; j < n; j++) {
            int t = rnd.nextInt(j + 1);
            // Floyd: take t unless already taken, then take j (never taken yet: every earlier pick is < j)
            int pick = chosen.add(t) ? t : j;
            if (pick == j) {
                chosen.add(j);
            }
            out[c++] = pick;
        }
        Arrays.sort(out);
        return out;
    }

    /** An open-addressing set of non-negative ints, sized for a known number of elements. */
    private static final class IntSet {
        private final int[] table;
        private final int mask;
        private final int shift;

        IntSet(int expected) {
            int cap = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1; // load factor <= 1/2
            table = new int[cap];
            Arrays.fill(table, -1);
            mask = cap - 1;
            shift = Integer.numberOfLeadingZeros(cap) + 1;
        }

        /** @return true if {@code v} was absent and is now present */
        boolean add(int v) {
            int h = (v * 0x9E3779B9) >>> shift; // Fibonacci hashing: the high bits spread consecutive ints
            while (true) {
                int cur = table[h];
                if (cur == v) {
                    return false;
                }
                if (cur < 0) {
                    table[h] = v;
                    return true;
                }
                h = (h + 1) & mask;
            }
        }
    }
}
