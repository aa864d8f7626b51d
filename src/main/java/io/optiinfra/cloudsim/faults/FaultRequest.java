package io.optiinfra.cloudsim.faults;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code POST /control/faults}. */
public record FaultRequest(
        @JsonProperty("customer_id") String customerId,
        @JsonProperty("type") String type,
        @JsonProperty("deployment_id") String deploymentId,
        @JsonProperty("magnitude") Double magnitude,
        @JsonProperty("count") Integer count,
        @JsonProperty("operation") String operation,
        @JsonProperty("skip") Integer skip) {
    /** A fault on every mutating call (no operation scope). */
    public FaultRequest(String customerId, String type, String deploymentId, Double magnitude, Integer count) {
        this(customerId, type, deploymentId, magnitude, count, null, null);
    }
}
