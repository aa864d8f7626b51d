package io.optiinfra.e2e.support.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * {@code result} of the application agent's quality_baseline and regression_detection tasks. Lists stay null when
 * the agent omits them, so an assertion on one fails rather than seeing an empty list.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QualityTaskResult(
        @JsonProperty("baselines_established") List<Established> baselinesEstablished,
        @JsonProperty("regressions") List<Regression> regressions,
        @JsonProperty("deployments_without_baseline") List<String> deploymentsWithoutBaseline) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Established(@JsonProperty("deployment_id") String deploymentId) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Regression(
            @JsonProperty("deployment_id") String deploymentId,
            @JsonProperty("baseline") Double baseline,
            @JsonProperty("current") Double current,
            @JsonProperty("drop_pct") Double dropPct) {}
}
