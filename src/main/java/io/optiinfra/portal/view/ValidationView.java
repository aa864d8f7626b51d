package io.optiinfra.portal.view;

import com.fasterxml.jackson.databind.JsonNode;

/** One agent's validation of a recommendation, as the customer reads it. */
public record ValidationView(String agentType, boolean approved, String reason, boolean baselineEstablished,
                             String predictedP95) {
    static ValidationView from(JsonNode v) {
        return new ValidationView(v.path("agent_type").asText(), v.path("approved").asBoolean(false),
                v.path("reason").asText(""), v.path("baseline_established").asBoolean(false),
                v.hasNonNull("predicted_p95_ms") ? String.format(java.util.Locale.US, "%.0f ms",
                        v.get("predicted_p95_ms").asDouble()) : null);
    }

    public String verdict() {
        if ("application".equals(agentType)) {
            return baselineEstablished ? "Quality baseline established" : "No quality baseline yet";
        }
        return approved ? "Approved" : "Not approved";
    }
}
