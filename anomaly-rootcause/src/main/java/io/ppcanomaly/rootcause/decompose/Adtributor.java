package io.ppcanomaly.rootcause.decompose;

import java.util.Arrays;
import java.util.Objects;

/**
 * The decomposition arithmetic of Adtributor (R. Bhagwan, R. Kumar, R. Ramjee, G. Varghese, S. Mohapatra,
 * H. Manoharan, P. Shah, "Adtributor: Revenue Debugging in Advertising Systems", NSDI 2014): how much of a
 * total's change each element explains, and how surprising each element's change is.
 *
 * <ul>
 *   <li><b>Explanatory power</b> of element {@code e} of an additive measure: {@code EP = (A_e − F_e) / (A − F)},
 *       where {@code F} is the forecast (baseline) and {@code A} the actual value; the elements' powers add up to
 *       1 when the elements partition the total.</li>
 *   <li>For a <b>derived (ratio) measure</b> {@code m = m1 / m2} (the case the paper's §3.3 handles and data cubes
 *       such as ThirdEye's refuse), the power of {@code e} is the move of the total ratio had only {@code e}
 *       changed: {@code ((A1_e − F1_e)·F2 − (A2_e − F2_e)·F1) / (F2·(F2 + A2_e − F2_e))}, divided by the total
 *       ratio's move {@code A1/A2 − F1/F2}.</li>
 *   <li><b>Surprise</b> of {@code e}: the Jensen–Shannon divergence between its share of the forecast
 *       {@code p = F_e/F} and its share of the actual {@code q = A_e/A}:
 *       {@code ½·(p·ln(2p/(p+q)) + q·ln(2q/(p+q)))}; for a ratio, the sum of its numerator's and denominator's.
 *       A change spread over every element in proportion has surprise 0 everywhere; one element's explosion has a
 *       large surprise there.</li>
 *   <li>The <b>explaining set</b> of a dimension: elements taken in decreasing surprise, each with power above
 *       {@link #DEFAULT_MIN_ELEMENT_POWER}, until their cumulative power passes {@link #DEFAULT_MIN_SET_POWER}
 *       (the paper's {@code T_EEP} and {@code T_EP}); none when it never does.</li>
 * </ul>
 * All functions are total: a zero denominator gives 0, never NaN or an infinity. Stateless and thread-safe.
 */
public final class Adtributor {

    /** Paper's {@code T_EEP}: an element must explain at least 10% of the change to join an explaining set. */
    public static final double DEFAULT_MIN_ELEMENT_POWER = 0.1;
    /** Paper's {@code T_EP}: an explaining set must explain at least 67% of the change. */
    public static final double DEFAULT_MIN_SET_POWER = 0.67;

    private Adtributor() {
    }

    /**
     * @param forecastElement the element's forecast (baseline) value
     * @param actualElement   the element's actual value
     * @param forecastTotal   the total's forecast
     * @param actualTotal     the total's actual value
     * @return the explanatory power of one element of an additive measure, finite; 0 when the total did not move
     */
    public static double explanatoryPower(double forecastElement, double actualElement, double forecastTotal,
                                          double actualTotal) {
        double d = actualTotal - forecastTotal;
        if (d == 0 || !Double.isFinite(d)) {
            return 0.0;
        }
        return finite((actualElement - forecastElement) / d);
    }

    /**
     * @param forecastNumElement the element's forecast numerator (spend, for CPC)
     * @param actualNumElement   the element's actual numerator
     * @param forecastDenElement the element's forecast denominator (clicks, for CPC)
     * @param actualDenElement   the element's actual denominator
     * @param forecastNum        the total's forecast numerator
     * @param actualNum          the total's actual numerator
     * @param forecastDen        the total's forecast denominator
     * @param actualDen          the total's actual denominator
     * @return the explanatory power of one element of a ratio measure {@code num / den}, finite; 0 when the total
     *         ratio did not move or a baseline denominator is not positive
     */
    public static double ratioExplanatoryPower(double forecastNumElement, double actualNumElement,
                                               double forecastDenElement, double actualDenElement,
                                               double forecastNum, double actualNum, double forecastDen,
                                               double actualDen) {
        if (!(forecastDen > 0 && actualDen > 0)) {
            return 0.0;
        }
        double totalMove = actualNum / actualDen - forecastNum / forecastDen;
        double denAfter = forecastDen + actualDenElement - forecastDenElement;
        if (totalMove == 0 || !Double.isFinite(totalMove) || !(denAfter > 0)) {
            return 0.0;
        }
        double move = ((actualNumElement - forecastNumElement) * forecastDen
                - (actualDenElement - forecastDenElement) * forecastNum) / (forecastDen * denAfter);
        return finite(move / totalMove);
    }

    /**
     * @param forecastElement the element's forecast value
     * @param actualElement   the element's actual value
     * @param forecastTotal   the total's forecast
     * @param actualTotal     the total's actual value
     * @return the Jensen–Shannon surprise of one element's share, finite and in [0, ln 2]
     */
    public static double surprise(double forecastElement, double actualElement, double forecastTotal,
                                  double actualTotal) {
        double p = forecastTotal > 0 ? clamp01(forecastElement / forecastTotal) : 0.0;
        double q = actualTotal > 0 ? clamp01(actualElement / actualTotal) : 0.0;
        double m = p + q;
        if (m == 0) {
            return 0.0;
        }
        double s = 0;
        if (p > 0) {
            s += p * Math.log(2 * p / m);
        }
        if (q > 0) {
            s += q * Math.log(2 * q / m);
        }
        return Math.max(0.0, 0.5 * s);
    }

    /**
     * Adtributor's per-dimension candidate set: elements in decreasing surprise (ties: lower index first), each
     * with power &gt; {@code minElementPower}, added until the cumulative power exceeds {@code minSetPower}.
     *
     * @param power           explanatory power per element
     * @param surprise        surprise per element, same length
     * @param minElementPower smallest power of an element taken, in [0, 1] ({@link #DEFAULT_MIN_ELEMENT_POWER})
     * @param minSetPower     cumulative power the set must exceed, in [0, 1] ({@link #DEFAULT_MIN_SET_POWER})
     * @return the chosen element indices in the order taken, or an empty array when the cumulative power never
     *         exceeds {@code minSetPower}
     * @throws IllegalArgumentException when the arrays differ in length or a threshold is outside [0, 1]
     */
    public static int[] explainingSet(double[] power, double[] surprise, double minElementPower,
                                      double minSetPower) {
        Objects.requireNonNull(power, "power");
        Objects.requireNonNull(surprise, "surprise");
        if (power.length != surprise.length) {
            throw new IllegalArgumentException("surprise must have one value per element (" + power.length
                    + "), got " + surprise.length);
        }
        if (!(minElementPower >= 0 && minElementPower <= 1)) {
            throw new IllegalArgumentException("minElementPower must be in [0, 1], got " + minElementPower);
        }
        if (!(minSetPower >= 0 && minSetPower <= 1)) {
            throw new IllegalArgumentException("minSetPower must be in [0, 1], got " + minSetPower);
        }
        Integer[] order = new Integer[power.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(surprise[b], surprise[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] chosen = new int[power.length];
        int n = 0;
        double cumulative = 0;
        for (int i : order) {
            if (power[i] > minElementPower) {
                chosen[n++] = i;
                cumulative += power[i];
                if (cumulative > minSetPower) {
                    return Arrays.copyOf(chosen, n);
                }
            }
        }
        return new int[0];
    }

    private static double clamp01(double v) {
        return v < 0 ? 0 : (v > 1 ? 1 : v);
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0.0;
    }
}
