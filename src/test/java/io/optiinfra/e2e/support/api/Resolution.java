package io.optiinfra.e2e.support.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * {@code POST /orchestrator/resolve-conflict} (SPEC §5/§6). Which of the three strategy fields is present depends on
 * {@code resolution_strategy}; absent ones stay null so a test asserting on one fails when the platform omits it.
 * {@code chosen_recommendation} stays a tree as well, so "a second resolution agrees" compares every field the
 * platform sent, not only the ones {@link Recommendation} names.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Resolution(
        @JsonProperty("id") String id,
        @JsonProperty("conflict_detected") Boolean conflictDetected,
        @JsonProperty("resolution_strategy") String strategy,
        @JsonProperty("priority_order") List<String> priorityOrder,
        @JsonProperty("chosen_recommendation") JsonNode chosenRecommendation,
        @JsonProperty("hybrid_solution") Hybrid hybrid,
        @JsonProperty("execution_order") List<Recommendation> executionOrder) {

    /** The chosen recommendation as a record; fails when the strategy did not choose one. */
    public Recommendation chosen() {
        if (chosenRecommendation == null || !chosenRecommendation.isObject()) {
            throw new AssertionError("no chosen_recommendation in resolution " + id + " (" + strategy + ")");
        }
        return Api.convert(chosenRecommendation, Recommendation.class);
    }

    /** The execution order; fails when the strategy has none. */
    public List<Recommendation> order() {
        if (executionOrder == null) {
            throw new AssertionError("no execution_order in resolution " + id + " (" + strategy + ")");
        }
        return executionOrder;
    }

    /** The hybrid solution; fails when the strategy has none. */
    public Hybrid requireHybrid() {
        if (hybrid == null) {
            throw new AssertionError("no hybrid_solution in resolution " + id + " (" + strategy + ")");
        }
        return hybrid;
    }

    /** {@code hybrid_solution}: part spot, part reserved, with its own savings and predicted p95 (SPEC §6). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Hybrid(
            @JsonProperty("deployment_id") String deploymentId,
            @JsonProperty("spot_recommendation_id") String spotRecommendationId,
            @JsonProperty("reserved_recommendation_id") String reservedRecommendationId,
            @JsonProperty("spot_instance_ids") List<String> spotInstanceIds,
            @JsonProperty("reserved_instance_ids") List<String> reservedInstanceIds,
            @JsonProperty("estimated_savings") Double estimatedSavings,
            @JsonProperty("spot_share") Double spotShare,
            @JsonProperty("predicted_p95_ms") Double predictedP95Ms,
            @JsonProperty("within_slo") Boolean withinSlo) {

        /** {@code spot_instance_ids} or {@code reserved_instance_ids}; fails when the platform omitted it. */
        public List<String> instanceIds(String market) {
            List<String> ids = switch (market) {
                case "spot" -> spotInstanceIds;
                case "reserved" -> reservedInstanceIds;
                default -> throw new IllegalArgumentException(market);
            };
            if (ids == null) {
                throw new AssertionError("hybrid_solution has no " + market + "_instance_ids");
            }
            return ids;
        }
    }
}
