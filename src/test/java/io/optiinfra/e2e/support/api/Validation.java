package io.optiinfra.e2e.support.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One validation on a recommendation (SPEC §5): {@code approved} by performance, a baseline by application. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Validation(
        @JsonProperty("agent_type") String agentType,
        @JsonProperty("approved") boolean approved,
        @JsonProperty("reason") String reason,
        @JsonProperty("baseline_established") boolean baselineEstablished,
        @JsonProperty("predicted_p95_ms") Double predictedP95Ms) {}
