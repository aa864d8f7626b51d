package io.optiinfra.portal.view;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A recommendation with its validations and whether the customer may approve it now — and if not, why. The rule
 * mirrors the orchestrator's (SPEC §6): pending, and for cost/resource recommendations an approving performance
 * validation plus an established application quality baseline.
 */
public record RecommendationView(String id, String title, String type, String agentType, String status,
                                 String riskLevel, String estimatedSavings, String confidence,
                                 List<ValidationView> validations, String blockedReason) {

    public static RecommendationView from(JsonNode r) {
        List<ValidationView> validations = new ArrayList<>();
        r.path("validations").forEach(v -> validations.add(ValidationView.from(v)));
        return new RecommendationView(r.path("id").asText(), r.path("title").asText(), r.path("type").asText(),
                r.path("agent_type").asText(), r.path("status").asText(), r.path("risk_level").asText(),
                Money.usd(r.path("estimated_savings").asDouble()) + " / month",
                String.format(Locale.US, "%.0f%%", 100 * r.path("confidence").asDouble()), validations,
                blockedReason(r, validations));
    }

    public boolean approvable() {
        return blockedReason == null;
    }

    /** The id of the element explaining why approval is disabled (null when it is not). */
    public String blockedReasonId() {
        return blockedReason == null ? null : "blocked-" + id;
    }

    public boolean rejectable() {
        return "pending".equals(status);
    }

    private static String blockedReason(JsonNode r, List<ValidationView> validations) {
        String status = r.path("status").asText();
        if (!"pending".equals(status)) {
            return "Not approvable: this recommendation is " + status + ".";
        }
        ValidationView performance = find(validations, "performance");
        ValidationView application = find(validations, "application");
        if (performance != null && !performance.approved()) {
            return "Not approvable: the performance agent did not approve it (" + performance.reason() + ").";
        }
        boolean needsBoth = List.of("cost", "resource").contains(r.path("agent_type").asText());
        if (needsBoth && performance == null) {
            return "Not approvable yet: waiting for the performance agent's validation.";
        }
        if (needsBoth && (application == null || !application.baselineEstablished())) {
            return "Not approvable yet: waiting for the application agent's quality baseline.";
        }
        return null;
    }

    private static ValidationView find(List<ValidationView> validations, String agentType) {
        return validations.stream().filter(v -> agentType.equals(v.agentType())).findFirst().orElse(null);
    }
}
