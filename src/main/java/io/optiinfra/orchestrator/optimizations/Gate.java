package io.optiinfra.orchestrator.optimizations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.store.ClickHouseMetrics;
import io.optiinfra.store.MetricPoint;
import io.optiinfra.store.Postgres;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@code validate_*} gate: after the stage's soak time, reads the live telemetry the collector wrote since the stage
 * began and checks the application agent's rule (quality ≥ 95 % of the deployment's baseline), the performance
 * agent's rule (p95 within the SLO) and an error rate below 0.1. Canary instances lost since launch fail it too.
 */
final class Gate {
    static final double MIN_QUALITY_RATIO = 0.95;
    static final double MAX_ERROR_RATE = 0.1;

    /**
     * What a passed gate measured, kept in its step's {@code detail.gate} (jsonb) under these names.
     * {@code newInstancesRunning} ("running/created") only when the rollout created instances.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Checks(String resource, @JsonProperty("soak_ms") long soakMs,
                  @JsonProperty("quality_score") double qualityScore,
                  @JsonProperty("quality_baseline") double qualityBaseline,
                  @JsonProperty("latency_p95_ms") double latencyP95Ms, @JsonProperty("slo_p95_ms") double sloP95Ms,
                  @JsonProperty("error_rate") double errorRate,
                  @JsonProperty("new_instances_running") String newInstancesRunning) {}

    private final ClickHouseMetrics metrics;
    private final Postgres pg;
    private final Duration telemetryWait;

    Gate(ClickHouseMetrics metrics, Postgres pg, Duration telemetryWait) {
        this.metrics = metrics;
        this.pg = pg;
        this.telemetryWait = telemetryWait;
    }

    /** Returns the checks made; throws {@link StepFailed} naming the first rule broken. */
    Checks check(RolloutState state, String deploymentId, boolean canary, Duration soak) {
        Instant stageStart = Instant.now();
        LockSupport.parkNanos(soak.toNanos()); // the soak is simulated production time, scaled down
        String resource = canary ? deploymentId + "#canary" : deploymentId;
        Map<String, Double> observed = observe(state.customerId, resource, stageStart);
        JsonNode deployment = state.cloud.deployment(deploymentId);
        double slo = deployment.get("slo_p95_ms").asDouble();
        double baseline = baseline(state.customerId, deploymentId);

        if (observed.get("quality_score") < MIN_QUALITY_RATIO * baseline) {
            throw new StepFailed(String.format("quality gate (application agent): %.4f is below 95%% of the baseline %.4f",
                    observed.get("quality_score"), baseline));
        }
        if (observed.get("latency_p95_ms") > slo) {
            throw new StepFailed(String.format("latency gate (performance agent): p95 %.1f ms exceeds the SLO %.0f ms",
                    observed.get("latency_p95_ms"), slo));
        }
        if (observed.get("error_rate") >= MAX_ERROR_RATE) {
            throw new StepFailed(String.format("error-rate gate: %.4f is not below %.1f", observed.get("error_rate"),
                    MAX_ERROR_RATE));
        }
        List<String> created = state.createdInstances();
        String newInstancesRunning = null;
        if (!created.isEmpty()) {
            long running = 0;
            for (JsonNode instance : state.cloud.runningInstances()) {
                if (created.contains(instance.get("id").asText())) {
                    running++;
                }
            }
            newInstancesRunning = running + "/" + created.size();
            if (running < created.size()) {
                throw new StepFailed((created.size() - running) + " of the " + created.size()
                        + " new instances were lost (interrupted or terminated) during the stage");
            }
        }
        return new Checks(resource, soak.toMillis(), observed.get("quality_score"), baseline,
                observed.get("latency_p95_ms"), slo, observed.get("error_rate"), newInstancesRunning);
    }

    /** Averages of each gate metric over the samples written since the stage started (waits for the first ones). */
    private Map<String, Double> observe(UUID customerId, String resource, Instant since) {
        Instant deadline = Instant.now().plus(telemetryWait);
        while (true) {
            Map<String, Double> averages = new LinkedHashMap<>();
            for (String type : List.of("quality_score", "latency_p95_ms", "error_rate")) {
                List<MetricPoint> points = metrics.query(customerId.toString(), type, since, Instant.now().plusSeconds(60))
                        .stream().filter(p -> p.resourceId().equals(resource)).toList();
                if (!points.isEmpty()) {
                    averages.put(type, points.stream().mapToDouble(MetricPoint::value).average().orElseThrow());
                }
            }
            if (averages.size() == 3) {
                return averages;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new StepFailed("no telemetry for " + resource + " since " + since + " within "
                        + telemetryWait.toMillis() + " ms: cannot validate the stage");
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // poll for the collector's next tick
        }
    }

    private double baseline(UUID customerId, String deploymentId) {
        return pg.queryOne("SELECT baseline FROM quality_baselines WHERE customer_id = ? AND deployment_id = ?",
                customerId, deploymentId).map(r -> ((Number) r.get("baseline")).doubleValue())
                .orElseThrow(() -> new StepFailed("no quality baseline for " + deploymentId + ": cannot validate quality"));
    }
}
