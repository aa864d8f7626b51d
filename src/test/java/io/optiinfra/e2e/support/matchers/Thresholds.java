package io.optiinfra.e2e.support.matchers;

import java.util.Locale;

/** Shared number handling for the threshold matchers. */
final class Thresholds {

    /* Values computed exactly at a threshold (e.g. 100 -> 60 is "40%") can land a rounding error below it. */
    static final double EPSILON = 1e-9;

    private Thresholds() {
    }

    static boolean atLeast(double actual, double threshold) {
        return actual + EPSILON * Math.max(1.0, Math.abs(threshold)) >= threshold;
    }

    static String fmt(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
