package io.optiinfra.e2e.support.matchers;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Shared number handling for the threshold matchers. */
final class Thresholds {

    /* Values computed exactly at a threshold (e.g. 100 -> 60 is "40%") can land a rounding error below it. */
    static final double EPSILON = 1e-9;

    private Thresholds() {
    }

    static boolean atLeast(double actual, double threshold) {
        return actual + EPSILON * Math.max(1.0, Math.abs(threshold)) >= threshold;
    }

    /** A value with up to 4 decimals and no trailing zeros: 0.855, 1000, 700.25. */
    static String fmt(double value) {
        return round(value, 4);
    }

    /** A percentage with up to 2 decimals: 30, 88.89. */
    static String pct(double value) {
        return round(value, 2) + "%";
    }

    private static String round(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
