package io.optiinfra.cloudsim.deployments;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code GET .../metrics}: the whole deployment and each variant ({@code canary} is null without a canary). */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DeploymentMetrics(
        @JsonProperty("deployment_id") String deploymentId,
        @JsonProperty("slo_p95_ms") double sloP95Ms,
        @JsonProperty("load_rps") double loadRps,
        @JsonProperty("overall") MetricsBlock overall,
        @JsonProperty("stable") MetricsBlock stable,
        @JsonProperty("canary") MetricsBlock canary) {
}
