package io.optiinfra.cloudsim.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One GPU instance type of the simulated clouds, with its prices (USD per hour) and spot interruption rate.
 * {@code relativePerformance} is inference throughput relative to AWS {@code p4d.24xlarge} (= 1.0).
 */
public record InstanceType(
        @JsonProperty("cloud") String cloud,
        @JsonProperty("instance_type") String name,
        @JsonProperty("regions") List<String> regions,
        @JsonProperty("gpu_type") String gpuType,
        @JsonProperty("gpu_count") int gpuCount,
        @JsonProperty("gpu_memory_gb") int gpuMemoryGb,
        @JsonProperty("on_demand_hourly") double onDemandHourly,
        @JsonProperty("spot_hourly") double spotHourly,
        @JsonProperty("spot_interruption_rate") double spotInterruptionRate,
        @JsonProperty("relative_performance") double relativePerformance,
        @JsonProperty("reserved_1yr_hourly") double reserved1yrHourly) {

    public InstanceType {
        regions = List.copyOf(regions);
    }

    /** The hourly price in the given market ({@code on_demand}, {@code spot} or {@code reserved}). */
    public double hourlyPrice(String market) {
        if (Markets.SPOT.equals(market)) {
            return spotHourly;
        }
        return Markets.RESERVED.equals(market) ? reserved1yrHourly : onDemandHourly;
    }

    public boolean availableIn(String region) {
        return regions.contains(region);
    }
}
