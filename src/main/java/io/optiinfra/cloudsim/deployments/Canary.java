package io.optiinfra.cloudsim.deployments;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A canary variant of a deployment: its traffic share in percent and the config it runs. */
public record Canary(
        @JsonProperty("percent") double percent,
        @JsonProperty("vllm_config") VllmConfig vllmConfig,
        @JsonProperty("quantization") String quantization) {

    public double trafficShare() {
        return percent / 100.0;
    }
}
