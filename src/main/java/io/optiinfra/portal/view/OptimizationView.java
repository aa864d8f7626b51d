package io.optiinfra.portal.view;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** An optimization's rollout as the customer follows it: status, progress, steps with gate results, rollback. */
public record OptimizationView(String id, String kind, String status, int progress, List<StepView> steps,
                               String actualSavings, String error, boolean rolledBack, boolean originalStateRestored,
                               String rollbackDuration) {
    public static OptimizationView from(JsonNode o) {
        List<StepView> steps = new ArrayList<>();
        o.path("execution_steps").forEach(s -> steps.add(StepView.from(s)));
        JsonNode result = o.path("result");
        JsonNode rollback = o.path("rollback");
        return new OptimizationView(o.path("id").asText(), o.path("kind").asText(), o.path("status").asText(),
                (int) Math.round(o.path("progress").asDouble()), steps,
                result.hasNonNull("actual_savings") ? Money.usd(result.get("actual_savings").asDouble()) + " / month" : null,
                result.hasNonNull("error") ? result.get("error").asText() : null,
                rollback.isObject(), rollback.path("original_state_restored").asBoolean(false),
                rollback.hasNonNull("duration_ms") ? rollback.get("duration_ms").asLong() + " ms" : null);
    }

    public boolean finished() {
        return List.of("completed", "rolled_back", "failed").contains(status);
    }
}
