package io.optiinfra.portal.view;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A conflict resolution as the customer reads it, recommendation ids replaced by their titles. */
public record ResolutionView(String id, boolean conflictDetected, String strategy, String chosen, String hybrid,
                             List<String> executionOrder) {
    public static ResolutionView from(JsonNode r, List<RecommendationView> pending) {
        Map<String, String> titles = new LinkedHashMap<>();
        pending.forEach(p -> titles.put(p.id(), p.title()));
        List<String> order = new ArrayList<>();
        r.path("execution_order").forEach(o -> order.add(name(o, titles)));
        return new ResolutionView(r.path("id").asText(), r.path("conflict_detected").asBoolean(),
                r.path("resolution_strategy").asText(""),
                r.hasNonNull("chosen_recommendation") ? name(r.get("chosen_recommendation"), titles) : null,
                r.hasNonNull("hybrid_solution") ? hybrid(r.get("hybrid_solution")) : null, order);
    }

    private static String name(JsonNode node, Map<String, String> titles) {
        String id = node.isObject() ? node.path("id").asText() : node.asText();
        return titles.getOrDefault(id, node.isObject() && node.has("title") ? node.get("title").asText() : id);
    }

    private static String hybrid(JsonNode h) {
        return String.format(java.util.Locale.US, "%.0f%% of %s on spot, the rest reserved: saves %s / month, "
                        + "predicted p95 %.0f ms%s", 100 * h.path("spot_share").asDouble(), h.path("deployment_id").asText(),
                Money.usd(h.path("estimated_savings").asDouble()), h.path("predicted_p95_ms").asDouble(),
                h.path("within_slo").asBoolean() ? " (within SLO)" : " (outside SLO)");
    }
}
