package io.optiinfra.e2e.support.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /recommendations/{id}/approve · /reject} and {@code /orchestrator/execute-resolution} (SPEC §5). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Approval(
        @JsonProperty("status") String status,
        @JsonProperty("optimization_id") String optimizationId) {}
