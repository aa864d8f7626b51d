package io.optiinfra.cloudsim.catalog;

/** Rounding and monthly conversion for the figures the simulator publishes. */
public final class Money {
    private Money() {}

    /** Hourly price × 730 h, in cents precision. */
    public static double monthly(double hourly) {
        return round(hourly * Catalog.HOURS_PER_MONTH, 2);
    }

    public static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
