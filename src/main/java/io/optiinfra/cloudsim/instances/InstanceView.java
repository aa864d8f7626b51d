package io.optiinfra.cloudsim.instances;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** An instance as the API shows it (a snapshot; {@code deployment_id} and {@code terminated_at} may be null). */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record InstanceView(
        @JsonProperty("id") String id,
        @JsonProperty("customer_id") String customerId,
        @JsonProperty("cloud") String cloud,
        @JsonProperty("region") String region,
        @JsonProperty("instance_type") String instanceType,
        @JsonProperty("market") String market,
        @JsonProperty("state") String state,
        @JsonProperty("deployment_id") String deploymentId,
        @JsonProperty("role") String role,
        @JsonProperty("hourly_price") double hourlyPrice,
        @JsonProperty("launched_at") Instant launchedAt,
        @JsonProperty("terminated_at") Instant terminatedAt) {
}
