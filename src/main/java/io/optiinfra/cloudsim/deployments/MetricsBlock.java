package io.optiinfra.cloudsim.deployments;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.optiinfra.cloudsim.catalog.Money;

/**
 * The figures of a deployment variant (or of the whole deployment): modelled latency, throughput, errors, quality,
 * GPU utilisation, and the cost of the instances it runs on.
 */
public record MetricsBlock(
        @JsonProperty("latency_p95_ms") double latencyP95Ms,
        @JsonProperty("latency_p99_ms") double latencyP99Ms,
        @JsonProperty("throughput_rps") double throughputRps,
        @JsonProperty("error_rate") double errorRate,
        @JsonProperty("quality_score") double qualityScore,
        @JsonProperty("gpu_utilization") double gpuUtilization,
        @JsonProperty("hourly_cost") double hourlyCost,
        @JsonProperty("monthly_cost") double monthlyCost,
        @JsonProperty("traffic_share") double trafficShare,
        @JsonProperty("instance_count") int instanceCount) {

    public static MetricsBlock of(WorkloadModel.Performance p, double hourlyCost, double trafficShare,
                                  int instanceCount) {
        return new MetricsBlock(
                Money.round(p.latencyP95Ms(), 1),
                Money.round(p.latencyP99Ms(), 1),
                Money.round(p.throughputRps(), 3),
                Money.round(p.errorRate(), 6),
                Money.round(p.qualityScore(), 5),
                Money.round(p.gpuUtilization(), 4),
                Money.round(hourlyCost, 4),
                Money.monthly(hourlyCost),
                Money.round(trafficShare, 4),
                instanceCount);
    }
}
