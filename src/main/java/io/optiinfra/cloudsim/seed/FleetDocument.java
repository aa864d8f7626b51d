package io.optiinfra.cloudsim.seed;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.optiinfra.cloudsim.deployments.VllmConfig;

import java.util.List;

/**
 * A fleet to seed into an account ({@code testdata/fleets/*.json}). {@code cloud} and {@code region} are the
 * defaults of every instance group and deployment, which may override them (for cross-cloud fleets). Other fields
 * of the file ({@code expectations}, {@code _comment}) are for the suite and ignored here.
 */
public record FleetDocument(
        @JsonProperty("name") String name,
        @JsonProperty("cloud") String cloud,
        @JsonProperty("region") String region,
        @JsonProperty("instances") List<InstanceGroup> instances,
        @JsonProperty("deployments") List<DeploymentSpec> deployments) {

    public record InstanceGroup(
            @JsonProperty("instance_type") String instanceType,
            @JsonProperty("market") String market,
            @JsonProperty("count") Integer count,
            @JsonProperty("cloud") String cloud,
            @JsonProperty("region") String region) {}

    public record DeploymentSpec(
            @JsonProperty("id") String id,
            @JsonProperty("model") String model,
            @JsonProperty("instance_type") String instanceType,
            @JsonProperty("instance_count") Integer instanceCount,
            @JsonProperty("vllm_config") VllmConfig vllmConfig,
            @JsonProperty("quantization") String quantization,
            @JsonProperty("slo_p95_ms") Double sloP95Ms,
            @JsonProperty("load_rps") Double loadRps,
            @JsonProperty("interruption_tolerant") Boolean interruptionTolerant,
            @JsonProperty("cloud") String cloud,
            @JsonProperty("region") String region,
            @JsonProperty("data_transfer_gb_month") Double dataTransferGbMonth) {}
}
