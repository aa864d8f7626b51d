package io.optiinfra.cloudsim.accounts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Request bodies of the instance routes. */
public final class InstanceRequests {
    private InstanceRequests() {}

    /** {@code POST /accounts/{cid}/instances}; market defaults to on_demand, count to 1, role to stable. */
    public record Launch(
            @JsonProperty("cloud") String cloud,
            @JsonProperty("region") String region,
            @JsonProperty("instance_type") String instanceType,
            @JsonProperty("market") String market,
            @JsonProperty("count") Integer count,
            @JsonProperty("deployment_id") String deploymentId,
            @JsonProperty("role") String role) {}
}
