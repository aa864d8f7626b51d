package io.optiinfra.agents.shared;

import java.util.Map;

/**
 * The one place that sets the base confidence of each recommendation type; the orchestrator's learning loop adjusts
 * it from past outcomes.
 */
public final class Confidence {
    private static final double DEFAULT = 0.6;
    private static final Map<String, Double> BASE = Map.of(
            "spot_migration", 0.8,
            "instance_rightsizing", 0.7,
            "reserved_instances", 0.9,
            "kv_cache_optimization", 0.85,
            "quantization", 0.75,
            "batching_optimization", 0.7,
            "gpu_consolidation", 0.75,
            "idle_resource_cleanup", 0.9,
            // a move between clouds rests on a model of another provider's hardware and on a traffic estimate
            "cross_cloud_workload_placement", 0.65);

    private Confidence() {}

    public static double base(String recommendationType) {
        return BASE.getOrDefault(recommendationType, DEFAULT);
    }
}
