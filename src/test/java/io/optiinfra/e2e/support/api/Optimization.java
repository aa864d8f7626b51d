package io.optiinfra.e2e.support.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** {@code GET /optimizations/{id}} (SPEC §5) as a record; the platform may add fields (ignored here). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Optimization(
        @JsonProperty("id") String id,
        @JsonProperty("status") String status,
        @JsonProperty("progress") int progress,
        @JsonProperty("execution_steps") List<Step> steps,
        @JsonProperty("result") Result result,
        @JsonProperty("rollback") Rollback rollback) {

    public Optimization {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    public List<String> stepNames() {
        return steps.stream().map(Step::name).toList();
    }

    public List<Step> stepsWithStatus(String status) {
        return steps.stream().filter(s -> status.equals(s.status())).toList();
    }

    public Step step(String name) {
        return steps.stream().filter(s -> name.equals(s.name())).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + name + " in " + stepNames()));
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Step(
            @JsonProperty("seq") int seq,
            @JsonProperty("name") String name,
            @JsonProperty("status") String status,
            @JsonProperty("recommendation_id") String recommendationId,
            @JsonProperty("started_at") String startedAt,
            @JsonProperty("completed_at") String completedAt,
            @JsonProperty("detail") JsonNode detail) {
        public String error() {
            return detail == null ? null : detail.path("error").asText(null);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Result(
            @JsonProperty("success") boolean success,
            @JsonProperty("error") String error,
            @JsonProperty("actual_savings") Double actualSavings) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Rollback(
            @JsonProperty("original_state_restored") boolean originalStateRestored,
            @JsonProperty("duration_ms") Double durationMs) {}
}
