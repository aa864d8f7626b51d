package io.optiinfra.agents.shared;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A recommendation as filed in {@code complete} (docs/internal-api.md); savings are USD per month. */
public record Recommendation(String type, String title, String riskLevel, double estimatedSavings,
                             Map<String, Object> estimatedImprovement, List<String> affectedResources,
                             Map<String, Object> details) {
    public Recommendation {
        estimatedImprovement = new LinkedHashMap<>(estimatedImprovement);
        affectedResources = List.copyOf(affectedResources);
        details = new LinkedHashMap<>(details);
    }

    public double confidence() {
        return Confidence.base(type);
    }

    public Map<String, Object> toWire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("type", type);
        wire.put("title", title);
        wire.put("risk_level", riskLevel);
        wire.put("estimated_savings", Money.round(estimatedSavings, 2));
        wire.put("estimated_improvement", estimatedImprovement);
        wire.put("confidence", confidence());
        wire.put("affected_resources", affectedResources);
        wire.put("details", details);
        return wire;
    }
}
