package io.optiinfra.portal.view;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** The dashboard's figures, formatted for the customer. */
public record DashboardView(String currentSpend, String realizedSavings, String potentialSavings,
                            int pendingRecommendations, List<ActiveOptimization> active, CostChart chart) {
    public record ActiveOptimization(String id, String kind, String status, int progress) {}

    public static DashboardView from(JsonNode dashboard, JsonNode costHistory) {
        List<ActiveOptimization> active = new ArrayList<>();
        dashboard.path("active_optimizations").forEach(o -> active.add(new ActiveOptimization(o.path("id").asText(),
                o.path("kind").asText(), o.path("status").asText(), (int) Math.round(o.path("progress").asDouble()))));
        return new DashboardView(Money.usd(dashboard.path("current_spend").asDouble()) + " / month",
                Money.usd(dashboard.path("realized_savings").asDouble()) + " / month",
                Money.usd(dashboard.path("potential_savings").asDouble()) + " / month",
                dashboard.path("recommendations").size(), active, CostChart.from(costHistory));
    }
}
