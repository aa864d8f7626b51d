package io.optiinfra.agents.shared;

/** Risk levels of recommendations, derived from the figures that make a change risky. */
public final class Risk {
    public static final String LOW = "low";
    public static final String MEDIUM = "medium";
    public static final String HIGH = "high";

    private Risk() {}

    /** Spot: the catalog's interruption rate of the instance type (≤ 5 % low, ≤ 10 % medium). */
    public static String fromInterruptionRate(double rate) {
        return rate <= 0.05 ? LOW : rate <= 0.10 ? MEDIUM : HIGH;
    }

    /** Capacity changes: how close the predicted p95 comes to the SLO (≤ 70 % low, ≤ 90 % medium). */
    public static String fromLatencyHeadroom(double predictedP95Ms, double sloP95Ms) {
        double ratio = predictedP95Ms / sloP95Ms;
        return ratio <= 0.7 ? LOW : ratio <= 0.9 ? MEDIUM : HIGH;
    }
}
