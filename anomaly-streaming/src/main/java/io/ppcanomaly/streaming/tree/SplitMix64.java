package io.ppcanomaly.streaming.tree;

/**
 * SplitMix64 (Steele, Lea &amp; Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014), written out
 * here rather than taken from {@link java.util.SplittableRandom} so that the trees a seed builds can never change
 * with the JDK: a saved model rebuilds its structure from the seed.
 */
final class SplitMix64 {

    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    long nextLong() {
        long z = state += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** @return a double in [0, 1) with 53 random bits */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** @return an int in [0, bound) by multiply-shift (bias below bound / 2^32, irrelevant for tree building) */
    int nextInt(int bound) {
        assert bound > 0;
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }
}
