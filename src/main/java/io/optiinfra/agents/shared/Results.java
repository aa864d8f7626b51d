package io.optiinfra.agents.shared;

import io.optiinfra.agents.runtime.Task;
import io.optiinfra.agents.runtime.TaskOutcome;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code result} of an analysis task, the same shape for every agent. */
public final class Results {
    private Results() {}

    public static TaskOutcome analysis(Task task, CustomerContext context, int deploymentsAnalyzed,
                                       List<Recommendation> recommendations) {
        return analysis(task, context, deploymentsAnalyzed, recommendations, Map.of());
    }

    public static TaskOutcome analysis(Task task, CustomerContext context, int deploymentsAnalyzed,
                                       List<Recommendation> recommendations, Map<String, Object> extra) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("analysis_type", task.analysisType());
        result.put("infrastructure_status", context.infrastructureStatus());
        result.put("deployments_analyzed", deploymentsAnalyzed);
        result.put("recommendation_count", recommendations.size());
        result.put("total_estimated_savings",
                Money.round(recommendations.stream().mapToDouble(Recommendation::estimatedSavings).sum(), 2));
        if (task.parameters().deploymentId() != null && deploymentsAnalyzed == 0) {
            result.put("note", "no deployment " + task.parameters().deploymentId() + " in the inventory");
        }
        result.putAll(extra);
        return new TaskOutcome(recommendations.stream().map(Recommendation::toWire).toList(), result);
    }
}
