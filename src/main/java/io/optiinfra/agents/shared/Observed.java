package io.optiinfra.agents.shared;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.store.ClickHouseMetrics.Average;

import java.util.List;
import java.util.Map;

/**
 * A deployment's recent figures: the ClickHouse average over the lookback window per metric, or the simulator's
 * current overall figure for a metric without samples yet.
 */
public record Observed(double latencyP95Ms, double gpuUtilization, double qualityScore, double errorRate,
                       long qualitySamples, String source) {
    public static final String CLICKHOUSE = "clickhouse";
    public static final String SIMULATOR = "simulator";
    static final List<String> METRICS = List.of("latency_p95_ms", "gpu_utilization", "quality_score", "error_rate");

    /** Whether every metric has recent samples (then the simulator need not be asked). */
    public static boolean complete(Map<String, Average> recent) {
        return METRICS.stream().allMatch(m -> recent.containsKey(m) && recent.get(m).samples() > 0);
    }

    /** {@code live} is the simulator's {@code GET .../metrics} answer; null is fine when {@code recent} is complete. */
    public static Observed of(Map<String, Average> recent, JsonNode live) {
        JsonNode overall = live == null ? null : live.path("overall");
        Average quality = recent.get("quality_score");
        boolean anyRecent = METRICS.stream().anyMatch(m -> recent.containsKey(m) && recent.get(m).samples() > 0);
        String source = complete(recent) ? CLICKHOUSE : anyRecent ? CLICKHOUSE + "+" + SIMULATOR : SIMULATOR;
        return new Observed(pick(recent, "latency_p95_ms", overall), pick(recent, "gpu_utilization", overall),
                pick(recent, "quality_score", overall), pick(recent, "error_rate", overall),
                quality != null && quality.samples() > 0 ? quality.samples() : 1, source);
    }

    private static double pick(Map<String, Average> recent, String metric, JsonNode overall) {
        Average a = recent.get(metric);
        if (a != null && a.samples() > 0) {
            return a.value();
        }
        if (overall == null || !overall.hasNonNull(metric)) {
            throw new IllegalStateException("no recent " + metric + " in ClickHouse and no simulator figure");
        }
        return overall.get(metric).asDouble();
    }
}
