package io.optiinfra.agents.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.List;

/** A recommendation fetched for validation ({@code GET /orchestrator/recommendations/{id}}). */
public record ReviewedRecommendation(String id, String customerId, String type, JsonNode details,
                                     List<String> affectedResources) {
    public ReviewedRecommendation {
        affectedResources = List.copyOf(affectedResources);
    }

    public static ReviewedRecommendation parse(JsonNode rec) {
        List<String> affected = new ArrayList<>();
        rec.path("affected_resources").forEach(r -> affected.add(r.asText()));
        JsonNode details = rec.path("details").isObject() ? rec.get("details") : JsonNodeFactory.instance.objectNode();
        return new ReviewedRecommendation(rec.path("id").asText(null), rec.path("customer_id").asText(null),
                rec.path("type").asText(""), details, affected);
    }

    /** The deployment the change touches: {@code details.deployment_id}, else an affected resource that is one. */
    public String deploymentId(CustomerContext context) {
        if (details.hasNonNull("deployment_id")) {
            return details.get("deployment_id").asText();
        }
        return affectedResources.stream().filter(r -> context.deployment(r).isPresent()).findFirst().orElse(null);
    }
}
