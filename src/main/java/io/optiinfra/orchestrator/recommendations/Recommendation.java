package io.optiinfra.orchestrator.recommendations;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.optiinfra.common.ApiException;
import io.optiinfra.common.Json;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A stored recommendation with its validations; serialises to the SPEC §5 shape. The approval rule
 * ("pending and validated") lives here, once, for approve and execute-resolution alike.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"id", "customer_id", "agent_type", "type", "title", "status", "risk_level", "estimated_savings",
        "estimated_improvement", "confidence", "affected_resources", "details", "created_at", "updated_at", "validations"})
public record Recommendation(UUID id, UUID customerId, String agentType, String type, String title, String status,
                             String riskLevel, double estimatedSavings, Map<String, Object> estimatedImprovement,
                             double confidence, List<String> affectedResources, Map<String, Object> details,
                             Timestamp createdAt, Timestamp updatedAt, List<Validation> validations) {
    public static final String PENDING = "pending";

    /**
     * Who must validate a recommendation of this agent before it can run (SPEC §6): Performance predicts the SLO for
     * cost/resource changes; Application establishes the quality baseline the rollout gates compare with, for every
     * change (performance tuning included, or its gates have nothing to hold quality against).
     */
    public static Set<String> requiredValidators(String agentType) {
        return Set.of("cost", "resource").contains(agentType) ? Set.of("performance", "application")
                : Set.of("application");
    }

    @SuppressWarnings("unchecked")
    static Recommendation fromRow(Map<String, Object> row, List<Validation> validations) {
        return new Recommendation((UUID) row.get("id"), (UUID) row.get("customer_id"), (String) row.get("agent_type"),
                (String) row.get("type"), (String) row.get("title"), (String) row.get("status"),
                (String) row.get("risk_level"), ((Number) row.get("estimated_savings")).doubleValue(),
                Json.read((String) row.get("estimated_improvement"), Map.class),
                ((Number) row.get("confidence")).doubleValue(),
                ((List<?>) row.get("affected_resources")).stream().map(Object::toString).toList(),
                Json.read((String) row.get("details"), Map.class), (Timestamp) row.get("created_at"),
                (Timestamp) row.get("updated_at"), List.copyOf(validations));
    }

    @JsonIgnore
    public boolean isPending() {
        return PENDING.equals(status);
    }

    /** 409 unless the recommendation is still pending. */
    public void requirePending() {
        if (!isPending()) {
            throw ApiException.conflict("recommendation " + id + " is " + status + ", not pending");
        }
    }

    /** Why it cannot run yet (empty when it can): not pending, a validator refused, or a validation missing. */
    public Optional<String> whyNotApprovable() {
        if (!isPending()) {
            return Optional.of("recommendation " + id + " is " + status + ", not pending");
        }
        for (Validation v : validations) {
            if (!v.approved()) {
                return Optional.of("the " + v.agentType() + " agent did not approve recommendation " + id + ": "
                        + v.reason());
            }
        }
        Optional<Validation> performance = validation("performance");
        Optional<Validation> application = validation("application");
        Set<String> required = requiredValidators(agentType);
        if (required.contains("performance") && performance.isEmpty()) {
            return Optional.of("waiting for validations: the performance agent has not validated recommendation " + id);
        }
        if (required.contains("application") && application.map(Validation::establishedBaseline).orElse(false) == false) {
            return Optional.of("waiting for validations: no quality baseline established by the application agent for "
                    + "recommendation " + id + " yet (the rollout gates need one)");
        }
        return Optional.empty();
    }

    /** 409 with the reason unless pending and validated. */
    public void requireApprovable() {
        whyNotApprovable().ifPresent(reason -> {
            throw ApiException.conflict(reason);
        });
    }

    public Optional<Validation> validation(String agentType) {
        return validations.stream().filter(v -> agentType.equals(v.agentType())).findFirst();
    }

    /** The deployment the change acts on, or null (idle cleanup acts on instances outside deployments). */
    @JsonIgnore
    public String deploymentId() {
        Object dep = details.get("deployment_id");
        return dep == null ? null : dep.toString();
    }
}
