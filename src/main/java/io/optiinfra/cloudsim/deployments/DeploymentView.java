package io.optiinfra.cloudsim.deployments;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/** A deployment as the API shows it; {@code instance_ids} are its running instances (both variants). */
public record DeploymentView(
        @JsonProperty("id") String id,
        @JsonProperty("customer_id") String customerId,
        @JsonProperty("model") String model,
        @JsonProperty("cloud") String cloud,
        @JsonProperty("region") String region,
        @JsonProperty("instance_type") String instanceType,
        @JsonProperty("instance_count") int instanceCount,
        @JsonProperty("instance_ids") List<String> instanceIds,
        @JsonProperty("vllm_config") VllmConfig vllmConfig,
        @JsonProperty("quantization") String quantization,
        @JsonProperty("slo_p95_ms") double sloP95Ms,
        @JsonProperty("load_rps") double loadRps,
        @JsonProperty("interruption_tolerant") boolean interruptionTolerant,
        @JsonProperty("data_transfer_gb_month") double dataTransferGbMonth,
        @JsonProperty("canary") Canary canary,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt) {
}
