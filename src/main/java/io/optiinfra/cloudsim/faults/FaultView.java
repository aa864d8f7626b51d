package io.optiinfra.cloudsim.faults;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/** A fault as the control API shows it. */
public record FaultView(
        @JsonProperty("fault_id") String faultId,
        @JsonProperty("customer_id") String customerId,
        @JsonProperty("type") FaultType type,
        @JsonProperty("deployment_id") String deploymentId,
        @JsonProperty("magnitude") Double magnitude,
        @JsonProperty("count") Integer count,
        @JsonProperty("remaining") Integer remaining,
        @JsonProperty("active") boolean active,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("affected_instance_ids") List<String> affectedInstanceIds,
        @JsonProperty("operation") String operation,
        @JsonProperty("skip_remaining") int skipRemaining,
        @JsonProperty("dormant") boolean dormant) {
}
