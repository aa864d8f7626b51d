package io.optiinfra.e2e.support.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * {@code GET /customers/{id}/infrastructure} (SPEC §5). The lists stay null when the platform omits them, so an
 * assertion on them fails; {@code details} of an instance or deployment is the cloud's object verbatim (a tree).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Infrastructure(
        @JsonProperty("status") String status,
        @JsonProperty("cloud_provider") String cloudProvider,
        @JsonProperty("region") String region,
        @JsonProperty("instances") List<Instance> instances,
        @JsonProperty("vllm_deployments") List<VllmDeployment> vllmDeployments) {

    public List<String> instanceIds() {
        return requireInstances().stream().map(Instance::id).toList();
    }

    public List<Instance> requireInstances() {
        if (instances == null) {
            throw new AssertionError("infrastructure has no instances list (status " + status + ")");
        }
        return instances;
    }

    public List<VllmDeployment> requireDeployments() {
        if (vllmDeployments == null) {
            throw new AssertionError("infrastructure has no vllm_deployments list (status " + status + ")");
        }
        return vllmDeployments;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Instance(
            @JsonProperty("id") String id,
            @JsonProperty("instance_type") String instanceType,
            @JsonProperty("cloud") String cloud,
            @JsonProperty("region") String region,
            @JsonProperty("market") String market,
            @JsonProperty("state") String state,
            @JsonProperty("deployment_id") String deploymentId,
            @JsonProperty("details") JsonNode details) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record VllmDeployment(
            @JsonProperty("id") String id,
            @JsonProperty("model") String model,
            @JsonProperty("details") JsonNode details) {}
}
