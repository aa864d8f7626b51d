package io.optiinfra.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.optiinfra.common.Json;
import io.optiinfra.store.MetricPoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Maps the simulator's metric answers to ClickHouse points (pure: no I/O). */
public final class TelemetryMapper {
    /** The SPEC metric types, each read from the field of the same name in a simulator metrics block. */
    public static final List<String> METRIC_TYPES = List.of("latency_p95_ms", "latency_p99_ms", "throughput_rps",
            "error_rate", "quality_score", "gpu_utilization", "hourly_cost", "monthly_cost");
    public static final String ACCOUNT = "account";
    public static final String CANARY_SUFFIX = "#canary";
    public static final String STABLE_SUFFIX = "#stable";

    private TelemetryMapper() {}

    /**
     * Points of one deployment's {@code GET .../metrics} answer: the {@code overall} block under the deployment id,
     * and, only while a canary runs, the {@code canary} and {@code stable} blocks under suffixed ids.
     */
    public static List<MetricPoint> deploymentPoints(String customerId, String deploymentId, JsonNode metrics,
                                                     Instant ts, double simMinutes) {
        List<MetricPoint> points = new ArrayList<>();
        addBlock(points, customerId, deploymentId, metrics.get("overall"), ts, labels(null, simMinutes));
        JsonNode canary = metrics.get("canary");
        if (canary != null && canary.isObject()) {
            addBlock(points, customerId, deploymentId + CANARY_SUFFIX, canary, ts, labels("canary", simMinutes));
            addBlock(points, customerId, deploymentId + STABLE_SUFFIX, metrics.get("stable"), ts,
                    labels("stable", simMinutes));
        }
        return points;
    }

    /** {@code monthly_cost} and {@code hourly_cost} of the whole account from {@code GET .../summary}. */
    public static List<MetricPoint> accountPoints(String customerId, JsonNode summary, Instant ts,
                                                  double simMinutes) {
        List<MetricPoint> points = new ArrayList<>();
        String labels = labels(null, simMinutes);
        for (String type : List.of("monthly_cost", "hourly_cost")) {
            JsonNode value = summary.get(type);
            if (value != null && value.isNumber()) {
                points.add(new MetricPoint(customerId, type, ACCOUNT, ts, value.asDouble(), labels));
            }
        }
        return points;
    }

    /** Simulated minutes since {@code startedAt}: real elapsed seconds × time scale (sim s per real s) / 60. */
    public static double simMinutes(Instant startedAt, Instant now, double timeScale) {
        return (now.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0 * timeScale / 60.0;
    }

    // A missing or non-numeric field is skipped: a gap in the series is better than a made-up zero.
    private static void addBlock(List<MetricPoint> points, String customerId, String resourceId, JsonNode block,
                                 Instant ts, String labels) {
        if (block == null || !block.isObject()) {
            return;
        }
        for (String type : METRIC_TYPES) {
            JsonNode value = block.get(type);
            if (value != null && value.isNumber()) {
                points.add(new MetricPoint(customerId, type, resourceId, ts, value.asDouble(), labels));
            }
        }
    }

    private static String labels(String variant, double simMinutes) {
        ObjectNode labels = Json.object();
        if (variant != null) {
            labels.put("variant", variant);
        }
        labels.put("sim_minutes", Math.round(simMinutes * 1000.0) / 1000.0);
        return Json.write(labels);
    }
}
