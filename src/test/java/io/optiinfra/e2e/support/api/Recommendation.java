package io.optiinfra.e2e.support.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

/**
 * A recommendation as the public API returns it (SPEC §5). The platform may add fields (ignored here); {@code details}
 * stays a tree because its shape depends on {@code type} (docs/internal-api.md).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Recommendation(
        @JsonProperty("id") String id,
        @JsonProperty("customer_id") String customerId,
        @JsonProperty("agent_type") String agentType,
        @JsonProperty("type") String type,
        @JsonProperty("status") String status,
        @JsonProperty("risk_level") String riskLevel,
        @JsonProperty("estimated_savings") double estimatedSavings,
        @JsonProperty("estimated_improvement") JsonNode estimatedImprovement,
        @JsonProperty("confidence") double confidence,
        @JsonProperty("affected_resources") List<String> affectedResources,
        @JsonProperty("validations") List<Validation> validations,
        @JsonProperty("details") JsonNode details) {

    public Recommendation {
        affectedResources = affectedResources == null ? List.of() : List.copyOf(affectedResources);
        validations = validations == null ? List.of() : List.copyOf(validations);
    }

    public Optional<Validation> validation(String agentType) {
        return validations.stream().filter(v -> agentType.equals(v.agentType())).findFirst();
    }

    /** The validation {@code agentType} filed; fails naming the recommendation and what it has instead. */
    public Validation requireValidation(String agentType) {
        return validation(agentType).orElseThrow(() -> new AssertionError("no " + agentType + " validation on "
                + type + " " + id + "; it has " + validations));
    }

    /** Cost and resource recommendations need both validators before approval (SPEC §6). */
    public boolean needsBothValidations() {
        return "cost".equals(agentType) || "resource".equals(agentType);
    }

    /** Performance approved and application established a baseline. */
    public boolean fullyValidated() {
        return validation("performance").map(Validation::approved).orElse(false)
                && validation("application").map(Validation::baselineEstablished).orElse(false);
    }

    public String deploymentId() {
        return details == null ? null : details.path("deployment_id").asText(null);
    }

    public List<String> detailIds(String field) {
        return details.path(field).isArray()
                ? java.util.stream.StreamSupport.stream(details.path(field).spliterator(), false).map(JsonNode::asText).toList()
                : List.of();
    }

    @Override
    public String toString() {
        return type + " " + id + " (" + status + ", $" + estimatedSavings + "/month)";
    }
}
