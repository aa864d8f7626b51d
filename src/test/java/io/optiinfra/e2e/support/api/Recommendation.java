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
// numbers boxed: a field the platform omits reads null and fails the assertion on it instead of reading 0
public record Recommendation(
        @JsonProperty("id") String id,
        @JsonProperty("customer_id") String customerId,
        @JsonProperty("agent_type") String agentType,
        @JsonProperty("type") String type,
        @JsonProperty("title") String title,
        @JsonProperty("status") String status,
        @JsonProperty("risk_level") String riskLevel,
        @JsonProperty("estimated_savings") Double estimatedSavings,
        @JsonProperty("estimated_improvement") JsonNode estimatedImprovement,
        @JsonProperty("confidence") Double confidence,
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

    /**
     * The one "validations are in" predicate: every validator this agent type calls for has filed — performance and
     * application on a cost/resource recommendation, application (the baseline its gates need) on a performance one.
     */
    public boolean validationsIn() {
        List<String> required = needsBothValidations() ? List.of("performance", "application") : List.of("application");
        return required.stream().allMatch(a -> validation(a).isPresent());
    }

    /** Performance approved and application established a baseline. */
    public boolean fullyValidated() {
        return validation("performance").map(Validation::approved).orElse(false)
                && validation("application").map(Validation::baselineEstablished).orElse(false);
    }

    public String deploymentId() {
        return details == null ? null : details.path("deployment_id").asText(null);
    }

    /** {@code details.deployment_id}; fails when the platform omitted it. */
    public String requireDeploymentId() {
        String deployment = deploymentId();
        if (deployment == null) {
            throw new AssertionError("no details.deployment_id on " + this + ": " + details);
        }
        return deployment;
    }

    /** {@code details} read as the record its {@code type} calls for. */
    public <T> T details(Class<T> type) {
        if (details == null || !details.isObject()) {
            throw new AssertionError("no details object on " + this);
        }
        return Api.convert(details, type);
    }

    /** A number of {@code estimated_improvement}; fails when the platform omitted it or sent no number. */
    public double improvement(String field) {
        JsonNode value = estimatedImprovement == null ? null : estimatedImprovement.get(field);
        if (value == null || !value.isNumber()) {
            throw new AssertionError("estimated_improvement." + field + " of " + this + " is " + value);
        }
        return value.asDouble();
    }

    /** A field of {@code details}; fails when the platform omitted it (or sent null). */
    public JsonNode requireDetail(String field) {
        JsonNode value = details == null ? null : details.get(field);
        if (value == null || value.isNull()) {
            throw new AssertionError("details." + field + " of " + this + " is missing: " + details);
        }
        return value;
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
