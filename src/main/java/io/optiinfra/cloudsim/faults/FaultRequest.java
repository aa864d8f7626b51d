package io.optiinfra.cloudsim.faults;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code POST /control/faults}. */
public record FaultRequest(
        @JsonProperty("customer_id") String customerId,
        @JsonProperty("type") String type,
        @JsonProperty("deployment_id") String deploymentId,
        @JsonProperty("magnitude") Double magnitude,
        @JsonProperty("count") Integer count) {
}
