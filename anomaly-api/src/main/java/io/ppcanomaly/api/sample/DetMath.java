package io.ppcanomaly.api.sample;

/**
 * {@code exp} and {@code log} in plain double arithmetic: bit-reproducible on every platform (Java 17 evaluates
 * all floating-point strictly, JEP 306) and several times faster than {@link StrictMath}'s native fdlibm calls,
 * which dominate the cost of sampling a million keywords. Accurate to about 1 ulp (tested against
 * {@link StrictMath}), not correctly rounded; arguments outside the fast range fall back to {@link StrictMath}.
 *
 * <p>Both use the classic reductions of fdlibm (Cody &amp; Waite, "Software Manual for the Elementary
 * Functions", 1980): exp(x) = 2<sup>k</sup>·exp(r) with |r| ≤ ln2/2 and a degree-13 Taylor polynomial;
 * log(x) = k·ln2 + 2·atanh((m − 1)/(m + 1)) with m in [√½, √2) and the atanh series to degree 23.
 */
final class DetMath {

    /** ln 2 split so that k·LN2_HI is exact for |k| &lt; 2^11 (fdlibm's ln2HI / ln2LO). */
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double INV_LN2 = 1.44269504088896338700e+00;
    private static final double SQRT2 = 1.41421356237309514547e+00;

    private DetMath() {
    }

    /** @return e<sup>x</sup> */
    static double exp(double x) {
        if (!(x > -700 && x < 700)) {
            return StrictMath.exp(x); // NaN, infinities, overflow and subnormal results
        }
        double k = Math.rint(x * INV_LN2);
        double r = (x - k * LN2_HI) - k * LN2_LO;
        double p = 1 + r * (1 + r * (1.0 / 2 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720
                + r * (1.0 / 5040 + r * (1.0 / 40320 + r * (1.0 / 362880 + r * (1.0 / 3628800
                + r * (1.0 / 39916800 + r * (1.0 / 479001600 + r * (1.0 / 6227020800.0)))))))))))));
        return p * Double.longBitsToDouble((long) ((int) k + 1023) << 52);
    }

    /** @return ln(1 + x), accurate also for tiny x where 1 + x would round */
    static double log1p(double x) {
        if (Math.abs(x) < 1e-4) {
            return x * (1 - x * (1.0 / 2 - x * (1.0 / 3 - x * (1.0 / 4))));
        }
        return log(1 + x);
    }

    /** @return the natural logarithm of x */
    static double log(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int e = (int) ((bits >>> 52) & 0x7FF);
        if (bits <= 0 || e == 0 || e == 0x7FF) {
            return StrictMath.log(x); // zero, negative, NaN, infinity, subnormal
        }
        int k = e - 1023;
        double m = Double.longBitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
        if (m > SQRT2) {
            m *= 0.5;
            k++;
        }
        double u = (m - 1) / (m + 1);
        double u2 = u * u;
        double s = u2 * (1.0 / 3 + u2 * (1.0 / 5 + u2 * (1.0 / 7 + u2 * (1.0 / 9 + u2 * (1.0 / 11 + u2 * (1.0 / 13
                + u2 * (1.0 / 15 + u2 * (1.0 / 17 + u2 * (1.0 / 19 + u2 * (1.0 / 21 + u2 * (1.0 / 23)))))))))));
        return k * LN2_HI + (k * LN2_LO + 2 * u + 2 * u * s);
    }
}
