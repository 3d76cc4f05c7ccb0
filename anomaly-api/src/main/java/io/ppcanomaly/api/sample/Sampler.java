package io.ppcanomaly.api.sample;

import java.util.SplittableRandom;

/**
 * Exact, deterministic random variates over one {@link SplittableRandom} stream. Not thread-safe: each stream of
 * draws (one keyword, one campaign) owns its sampler.
 *
 * <p>Only plain double arithmetic, {@link Math#sqrt} (correctly rounded by specification) and {@link DetMath} are
 * used, so a seed gives bit-identical variates on every JVM and platform ({@link Math#log} may differ in the
 * last bit between platforms and intrinsics). Algorithms:
 * <ul>
 *   <li>normal: Marsaglia's polar method (Marsaglia &amp; Bray, "A convenient method for generating normal
 *       variables", SIAM Review 6, 1964);</li>
 *   <li>Poisson: inversion by sequential search for a mean below 10; above, PTRS, the transformed rejection
 *       method of W. Hörmann, "The transformed rejection method for generating Poisson random variables",
 *       Insurance: Mathematics and Economics 12, 1993;</li>
 *   <li>binomial: inversion for n·min(p, 1−p) below 10; above, BTRS, W. Hörmann, "The generation of binomial
 *       random variates", Journal of Statistical Computation and Simulation 46, 1993.</li>
 * </ul>
 * Both rejection methods are exact (no approximation of the distribution).
 */
final class Sampler {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    /** Below this mean (or n·p), inversion is faster than transformed rejection, and exact. */
    private static final double INVERSION_LIMIT = 10.0;
    private static final int LOG_FACTORIAL_TABLE = 256;
    private static final int EXACT_STIRLING_TAIL = 30;
    private static final double[] LOG_FACTORIAL = new double[LOG_FACTORIAL_TABLE];
    private static final double HALF_LOG_TWO_PI = 0.5 * DetMath.log(2 * Math.PI);

    static {
        double acc = 0;
        for (int k = 1; k < LOG_FACTORIAL_TABLE; k++) {
            acc += DetMath.log(k);
            LOG_FACTORIAL[k] = acc;
        }
    }

    private final SplittableRandom random;
    private double spareNormal;
    private boolean hasSpare;

    Sampler(SplittableRandom random) {
        this.random = random;
    }

    /**
     * A sampler over an independent stream identified by (seed, domain, index): the stream of keyword 17's
     * daily draws never depends on how many draws keyword 16 used, so keywords can be generated in any order
     * or in parallel with identical results.
     */
    static Sampler stream(long seed, long domain, long index) {
        long s = mix(seed ^ mix(domain * GOLDEN + 0x632BE59BD9B4E019L));
        return new Sampler(new SplittableRandom(mix(s + (index + 1) * GOLDEN)));
    }

    /** The SplitMix64 finalizer (Steele, Lea &amp; Flood 2014): a bijective 64-bit mix. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** @return a uniform variate in [0, 1) */
    double uniform() {
        return random.nextDouble();
    }

    /** @return a uniform variate in [lo, hi) */
    double uniform(double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    /** @return a uniform integer in [lo, hi] */
    int intBetween(int lo, int hi) {
        return lo + random.nextInt(hi - lo + 1);
    }

    /** @return a variate whose log is uniform in [log lo, log hi) */
    double logUniform(double lo, double hi) {
        return lo * DetMath.exp(DetMath.log(hi / lo) * random.nextDouble());
    }

    /** @return a standard normal variate */
    double normal() {
        if (hasSpare) {
            hasSpare = false;
            return spareNormal;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.sqrt(-2 * DetMath.log(s) / s);
        spareNormal = v * f;
        hasSpare = true;
        return u * f;
    }

    /** @return exp(mu + sigma·Z) */
    double lognormal(double mu, double sigma) {
        return DetMath.exp(mu + sigma * normal());
    }

    /** @return a mean-one lognormal factor exp(sigma·Z − sigma²/2) */
    double meanOneLognormal(double sigma) {
        return DetMath.exp(sigma * normal() - 0.5 * sigma * sigma);
    }

    /**
     * @param mean finite and &ge; 0
     * @return a Poisson variate
     */
    long poisson(double mean) {
        assert mean >= 0 && Double.isFinite(mean) : mean;
        if (mean <= 0) {
            return 0;
        }
        if (mean < INVERSION_LIMIT) {
            return poissonInversion(mean);
        }
        return poissonPtrs(mean);
    }

    private long poissonInversion(double mean) {
        double p0 = DetMath.exp(-mean);
        // The cut-off only guards against rounding: P(X > 10·mean + 50) is far below 1e-20 for mean < 10.
        long limit = (long) (10 * mean) + 50;
        while (true) {
            double u = random.nextDouble();
            double p = p0;
            long x = 0;
            while (u > p) {
                u -= p;
                x++;
                p *= mean / x;
                if (x > limit) {
                    break;
                }
            }
            if (x <= limit) {
                return x;
            }
        }
    }

    private long poissonPtrs(double mean) {
        double slam = Math.sqrt(mean);
        double logLam = DetMath.log(mean);
        double b = 0.931 + 2.53 * slam;
        double a = -0.059 + 0.02483 * b;
        double logInvAlpha = DetMath.log(1.1239 + 1.1328 / (b - 3.4));
        double vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = random.nextDouble() - 0.5;
            double v = random.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) {
                return k;
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            if (DetMath.log(v) + logInvAlpha - DetMath.log(a / (us * us) + b)
                    <= -mean + k * logLam - logFactorial(k)) {
                return k;
            }
        }
    }

    /**
     * @param n trials, &ge; 0
     * @param p success probability, clamped to [0, 1]
     * @return a binomial variate in [0, n]
     */
    long binomial(long n, double p) {
        assert n >= 0 && !Double.isNaN(p) : n + " " + p;
        if (n == 0 || p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return n;
        }
        if (p > 0.5) {
            return n - binomial(n, 1 - p);
        }
        if (n * p < INVERSION_LIMIT) {
            return binomialInversion(n, p);
        }
        return binomialBtrs(n, p);
    }

    private long binomialInversion(long n, double p) {
        double q = 1 - p;
        double s = p / q;
        double a = (n + 1) * s;
        double r0 = DetMath.exp(n * DetMath.log1p(-p));
        while (true) {
            double u = random.nextDouble();
            double r = r0;
            long x = 0;
            while (u > r && x <= n) {
                u -= r;
                x++;
                r *= a / x - s;
            }
            if (x <= n) {
                return x;
            }
            // rounding left u above the total mass: draw again (probability ~1e-16)
        }
    }

    private long binomialBtrs(long n, double p) {
        double q = 1 - p;
        double spq = Math.sqrt(n * p * q);
        double b = 1.15 + 2.53 * spq;
        double a = -0.0873 + 0.0248 * b + 0.01 * p;
        double c = n * p + 0.5;
        double vr = 0.92 - 4.2 / b;
        double r = p / q;
        double logAlpha = DetMath.log((2.83 + 5.1 / b) * spq);
        double m = Math.floor((n + 1) * p);
        double logRm = (m + 0.5) * DetMath.log((m + 1) / (r * (n - m + 1)))
                + stirlingTail(m) + stirlingTail(n - m);
        while (true) {
            double u = random.nextDouble() - 0.5;
            double v = random.nextDouble();
            double us = 0.5 - Math.abs(u);
            double k = Math.floor((2 * a / us + b) * u + c);
            if (k < 0 || k > n) {
                continue;
            }
            if (us >= 0.07 && v <= vr) {
                return (long) k;
            }
            double lv = DetMath.log(v) + logAlpha - DetMath.log(a / (us * us) + b);
            double bound = logRm
                    + (n + 1) * DetMath.log((n - m + 1) / (n - k + 1))
                    + (k + 0.5) * DetMath.log(r * (n - k + 1) / (k + 1))
                    - stirlingTail(k) - stirlingTail(n - k);
            if (lv <= bound) {
                return (long) k;
            }
        }
    }

    /** @return ln(k!): from a table of exact sums below 256, from Stirling's series (error &lt; 1e-16) above */
    static double logFactorial(long k) {
        if (k < LOG_FACTORIAL_TABLE) {
            return LOG_FACTORIAL[(int) k];
        }
        double x = k + 1.0;
        return (x - 0.5) * DetMath.log(x) - x + HALF_LOG_TWO_PI + stirlingSeries(x);
    }

    /**
     * @return ln(k!) − [(k + ½)·ln(k + 1) − (k + 1) + ½·ln(2π)], the correction to Stirling's formula at
     *         {@code k + 1} that BTRS needs: exact (from the table) below 30, else the series (error &lt; 1e-16)
     */
    static double stirlingTail(double k) {
        if (k < EXACT_STIRLING_TAIL) {
            int i = (int) k;
            double x = i + 1.0;
            return LOG_FACTORIAL[i] - ((x - 0.5) * DetMath.log(x) - x + HALF_LOG_TWO_PI);
        }
        return stirlingSeries(k + 1);
    }

    /** ln Γ(x) − [(x − ½)·ln x − x + ½·ln(2π)] for x &ge; 30, to the x⁻⁷ term (error below 1e-16). */
    private static double stirlingSeries(double x) {
        double x2 = x * x;
        return (1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - 1.0 / 1680 / x2) / x2) / x2) / x;
    }
}
