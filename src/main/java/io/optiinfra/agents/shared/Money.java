package io.optiinfra.agents.shared;

/** Money as the platform counts it: hourly prices × 730 h per month, whatever the simulated time scale. */
public final class Money {
    public static final double HOURS_PER_MONTH = 730.0;

    private Money() {}

    public static double monthly(double hourly) {
        return round(hourly * HOURS_PER_MONTH, 2);
    }

    public static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
