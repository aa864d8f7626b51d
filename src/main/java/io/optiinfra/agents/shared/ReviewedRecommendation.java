package io.optiinfra.agents.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.optiinfra.agents.runtime.MalformedTask;
import io.optiinfra.agents.runtime.Task;

import java.util.ArrayList;
import java.util.List;

/** A recommendation fetched for validation ({@code GET /orchestrator/recommendations/{id}}). */
public record ReviewedRecommendation(String id, String customerId, String type, JsonNode details,
                                     List<String> affectedResources) {
    public ReviewedRecommendation {
        affectedResources = List.copyOf(affectedResources);
    }

    /** Fetches the recommendation a validation task names; one of another customer makes the task malformed. */
    public static ReviewedRecommendation forTask(AgentServices services, Task task) throws MalformedTask {
        String recommendationId = task.parameters().recommendationId();
        ReviewedRecommendation rec = parse(services.recommendation(recommendationId));
        if (rec.customerId() != null && !rec.customerId().equals(task.customerId())) {
            throw new MalformedTask("recommendation " + recommendationId + " belongs to another customer");
        }
        return rec;
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
