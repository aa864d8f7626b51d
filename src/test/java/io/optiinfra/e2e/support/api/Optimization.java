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

    /** {@code execution_steps} stays null when the platform omits it, so the matchers can say so. */
    public Optimization {
        steps = steps == null ? null : List.copyOf(steps);
    }

    /** The steps; fails when the platform sent no {@code execution_steps}. */
    public List<Step> steps() {
        if (steps == null) {
            throw new AssertionError("optimization " + id + " has no execution_steps");
        }
        return steps;
    }

    /** Whether the answer carried {@code execution_steps} at all. */
    public boolean hasSteps() {
        return steps != null;
    }

    /** The seq of the step named {@code name}. */
    public int seqOf(String name) {
        return step(name).seq();
    }

    /** The recommendation ids the steps ran, in the order they first appear. */
    public List<String> stepRecommendationIds() {
        return steps().stream().map(s -> {
            if (s.recommendationId() == null) {
                throw new AssertionError("step " + s.name() + " of " + id + " has no recommendation_id");
            }
            return s.recommendationId();
        }).distinct().toList();
    }

    public List<String> stepNames() {
        return steps().stream().map(Step::name).toList();
    }

    public List<Step> stepsWithStatus(String status) {
        return steps().stream().filter(s -> status.equals(s.status())).toList();
    }

    public Step step(String name) {
        return steps().stream().filter(s -> name.equals(s.name())).findFirst()
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
            @JsonProperty("success") Boolean success,
            @JsonProperty("error") String error,
            @JsonProperty("actual_savings") Double actualSavings) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Rollback(
            @JsonProperty("original_state_restored") Boolean originalStateRestored,
            @JsonProperty("duration_ms") Double durationMs) {}
}
