package io.ppcanomaly.api.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The samplers must be exact: every test compares with the true distribution (moments, and a chi-square
 * goodness-of-fit against the exact pmf at the 0.1% level), with fixed seeds so the test is deterministic yet
 * fails for a wrong algorithm.
 */
class SamplerTest {

    private static final int N = 100_000;

    @ParameterizedTest(name = "mean {0}")
    @ValueSource(doubles = {0.3, 4, 9.99, 10, 37.5, 800, 25_000})
    void poissonHasTheRightMeanAndVariance(double mean) {
        Sampler s = new Sampler(new SplittableRandom(11));
        double[] m = moments(() -> s.poisson(mean));
        double se = Math.sqrt(mean / N);
        assertThat(m[0]).isCloseTo(mean, within(5 * se));
        assertThat(m[1] / mean).isCloseTo(1.0, within(0.03));
    }

    @ParameterizedTest(name = "mean {0}")
    @ValueSource(doubles = {4, 40, 300})
    void poissonMatchesItsPmf(double mean) {
        Sampler s = new Sampler(new SplittableRandom(12));
        int max = (int) (mean + 12 * Math.sqrt(mean) + 20);
        double[] pmf = new double[max + 1];
        for (int k = 0; k <= max; k++) {
            pmf[k] = Math.exp(k * Math.log(mean) - mean - Sampler.logFactorial(k));
        }
        assertChiSquareFits(pmf, () -> s.poisson(mean));
    }

    @ParameterizedTest(name = "n={0} p={1}")
    @CsvSource({"20, 0.3", "1000, 0.004", "1000, 0.02", "30000, 0.01", "50, 0.9", "400, 0.75", "7, 0.5"})
    void binomialMatchesItsPmf(int n, double p) {
        Sampler s = new Sampler(new SplittableRandom(13));
        double[] pmf = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            pmf[k] = Math.exp(Sampler.logFactorial(n) - Sampler.logFactorial(k) - Sampler.logFactorial(n - k)
                    + k * Math.log(p) + (n - k) * Math.log1p(-p));
        }
        assertChiSquareFits(pmf, () -> s.binomial(n, p));
        double[] m = moments(() -> s.binomial(n, p));
        assertThat(m[0]).isCloseTo(n * p, within(5 * Math.sqrt(n * p * (1 - p) / N)));
    }

    @Test
    void binomialHandlesDegenerateCases() {
        Sampler s = new Sampler(new SplittableRandom(14));
        assertThat(s.binomial(0, 0.5)).isZero();
        assertThat(s.binomial(100, 0)).isZero();
        assertThat(s.binomial(100, 1)).isEqualTo(100);
        assertThat(s.poisson(0)).isZero();
        for (int i = 0; i < 10_000; i++) {
            assertThat(s.binomial(3, 0.999)).isBetween(0L, 3L);
        }
    }

    @Test
    void normalIsStandard() {
        Sampler s = new Sampler(new SplittableRandom(15));
        double sum = 0;
        double sq = 0;
        int inOneSd = 0;
        for (int i = 0; i < N; i++) {
            double z = s.normal();
            sum += z;
            sq += z * z;
            inOneSd += Math.abs(z) < 1 ? 1 : 0;
        }
        assertThat(sum / N).isCloseTo(0, within(0.01));
        assertThat(sq / N).isCloseTo(1, within(0.015));
        assertThat(inOneSd / (double) N).isCloseTo(0.6827, within(0.005));
        Sampler t = new Sampler(new SplittableRandom(16));
        double mean = 0;
        for (int i = 0; i < N; i++) {
            mean += t.meanOneLognormal(0.3) / N;
        }
        assertThat(mean).isCloseTo(1.0, within(0.005));
    }

    @Test
    void streamsAreReproducibleAndIndependent() {
        Sampler a = Sampler.stream(42, Domains.KEYWORD_DAILY, 17);
        Sampler b = Sampler.stream(42, Domains.KEYWORD_DAILY, 17);
        Sampler other = Sampler.stream(42, Domains.KEYWORD_DAILY, 18);
        Sampler otherDomain = Sampler.stream(42, Domains.KEYWORD_RATES, 17);
        int same = 0;
        for (int i = 0; i < 1000; i++) {
            double x = a.uniform();
            assertThat(b.uniform()).isEqualTo(x);
            same += other.uniform() == x || otherDomain.uniform() == x ? 1 : 0;
        }
        assertThat(same).isZero();
    }

    @Test
    void logFactorialIsExact() {
        double acc = 0;
        for (int k = 1; k <= 2000; k++) {
            acc += StrictMath.log(k);
            assertThat(Sampler.logFactorial(k)).isCloseTo(acc, within(1e-12 * Math.max(1, acc)));
        }
        assertThat(Sampler.logFactorial(0)).isZero();
        for (int k = 0; k < 40; k++) {
            double stirling = (k + 0.5) * Math.log(k + 1) - (k + 1) + 0.5 * Math.log(2 * Math.PI);
            assertThat(Sampler.stirlingTail(k)).isCloseTo(Sampler.logFactorial(k) - stirling, within(1e-12));
        }
    }

    @Test
    void detMathAgreesWithStrictMathToAFewUlps() {
        SplittableRandom r = new SplittableRandom(17);
        double worstExp = 0;
        double worstLog = 0;
        double worstLog1p = 0;
        for (int i = 0; i < 200_000; i++) {
            double x = (r.nextDouble() * 2 - 1) * 40;
            double e = StrictMath.exp(x);
            worstExp = Math.max(worstExp, Math.abs(DetMath.exp(x) - e) / Math.ulp(e));
            double y = StrictMath.exp((r.nextDouble() * 2 - 1) * 700);
            double l = StrictMath.log(y);
            worstLog = Math.max(worstLog, Math.abs(DetMath.log(y) - l) / Math.ulp(l));
            double t = r.nextDouble() * 1e-4;
            double l1 = StrictMath.log1p(-t);
            worstLog1p = Math.max(worstLog1p, Math.abs(DetMath.log1p(-t) - l1) / Math.ulp(l1));
        }
        assertThat(worstExp).as("exp error in ulps").isLessThanOrEqualTo(2);
        assertThat(worstLog).as("log error in ulps").isLessThanOrEqualTo(2);
        assertThat(worstLog1p).as("log1p error in ulps").isLessThanOrEqualTo(4);
        assertThat(DetMath.log(1.0)).isZero();
        assertThat(DetMath.exp(0.0)).isEqualTo(1.0);
        assertThat(DetMath.log(0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(DetMath.exp(-1000)).isZero();
    }

    private static double[] moments(LongSupplier draw) {
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < N; i++) {
            double x = draw.getAsLong();
            sum += x;
            sq += x * x;
        }
        double mean = sum / N;
        return new double[] {mean, sq / N - mean * mean};
    }

    /** Chi-square test with bins of expected count &ge; 5 (tails pooled), at the 0.1% level. */
    private static void assertChiSquareFits(double[] pmf, LongSupplier draw) {
        long[] counts = new long[pmf.length];
        for (int i = 0; i < N; i++) {
            long k = draw.getAsLong();
            assertThat(k).isBetween(0L, (long) pmf.length - 1);
            counts[(int) k]++;
        }
        double[] tail = new double[pmf.length + 1];
        for (int k = pmf.length - 1; k >= 0; k--) {
            tail[k] = tail[k + 1] + pmf[k];
        }
        double chi2 = 0;
        int bins = 0;
        double expAcc = 0;
        long obsAcc = 0;
        for (int k = 0; k < pmf.length; k++) {
            expAcc += pmf[k] * N;
            obsAcc += counts[k];
            if (expAcc >= 5 && tail[k + 1] * N >= 5) {
                chi2 += (obsAcc - expAcc) * (obsAcc - expAcc) / expAcc;
                bins++;
                expAcc = 0;
                obsAcc = 0;
            }
        }
        if (expAcc > 0) {
            chi2 += (obsAcc - expAcc) * (obsAcc - expAcc) / Math.max(expAcc, 1e-9);
            bins++;
        }
        int df = bins - 1;
        // Wilson–Hilferty approximation of the 99.9% quantile of chi-square(df)
        double h = 2.0 / (9 * df);
        double critical = df * Math.pow(1 - h + 3.0902 * Math.sqrt(h), 3);
        assertThat(chi2).as("chi-square over %d bins", bins).isLessThan(critical);
    }
}
