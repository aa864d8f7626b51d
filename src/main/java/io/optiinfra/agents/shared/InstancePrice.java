package io.optiinfra.agents.shared;

import java.util.List;

/**
 * One catalog entry as the agents need it; {@code reserved1yrHourly} is null when the catalog has no such price.
 * {@code relativePerformance} is throughput relative to AWS p4d.24xlarge (0 = unknown).
 */
public record InstancePrice(String cloud, String name, List<String> regions, double onDemandHourly, double spotHourly,
                            double spotInterruptionRate, Double reserved1yrHourly, double relativePerformance) {
    public static final String ON_DEMAND = "on_demand";
    public static final String SPOT = "spot";

    public InstancePrice {
        regions = regions == null ? List.of() : List.copyOf(regions);
    }

    /** An entry without a known relative performance. */
    public InstancePrice(String cloud, String name, List<String> regions, double onDemandHourly, double spotHourly,
                         double spotInterruptionRate, Double reserved1yrHourly) {
        this(cloud, name, regions, onDemandHourly, spotHourly, spotInterruptionRate, reserved1yrHourly, 0);
    }

    /** Hourly price in a market; reserved markets fall back to on-demand when the catalog has no reserved price. */
    public double hourly(String market) {
        if (SPOT.equals(market)) {
            return spotHourly;
        }
        if (market != null && market.startsWith("reserved") && reserved1yrHourly != null) {
            return reserved1yrHourly;
        }
        return onDemandHourly;
    }

    public boolean availableIn(String region) {
        return region == null || regions.isEmpty() || regions.contains(region);
    }
}
