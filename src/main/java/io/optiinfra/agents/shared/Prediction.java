package io.optiinfra.agents.shared;

import com.fasterxml.jackson.databind.JsonNode;

/** A what-if answer of the simulator ({@code POST .../predict}) or a metrics block. */
public record Prediction(double latencyP95Ms, double latencyP99Ms, double gpuUtilization, double qualityScore,
                         double errorRate, double hourlyCost) {

    public static Prediction parse(JsonNode block) {
        return new Prediction(block.path("latency_p95_ms").asDouble(), block.path("latency_p99_ms").asDouble(),
                block.path("gpu_utilization").asDouble(), block.path("quality_score").asDouble(),
                block.path("error_rate").asDouble(), block.path("hourly_cost").asDouble());
    }
}
