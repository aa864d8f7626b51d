package io.optiinfra.cloudsim.deployments;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Request bodies of the deployment routes; every field is optional. */
public final class DeploymentRequests {
    private DeploymentRequests() {}

    /** {@code POST .../config}: applies to the stable variant. */
    public record ConfigChange(
            @JsonProperty("vllm_config") VllmConfig vllmConfig,
            @JsonProperty("quantization") String quantization,
            @JsonProperty("load_rps") Double loadRps) {}

    /** {@code POST .../canary}. */
    public record CanaryChange(
            @JsonProperty("percent") Double percent,
            @JsonProperty("vllm_config") VllmConfig vllmConfig,
            @JsonProperty("quantization") String quantization) {}

    /** {@code POST .../predict}: a what-if; nothing is applied. */
    public record WhatIf(
            @JsonProperty("vllm_config") VllmConfig vllmConfig,
            @JsonProperty("quantization") String quantization,
            @JsonProperty("instance_type") String instanceType,
            @JsonProperty("spot_share") Double spotShare,
            @JsonProperty("instance_count") Integer instanceCount,
            @JsonProperty("load_rps") Double loadRps) {}
}
