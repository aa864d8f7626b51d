package io.optiinfra.agents.performance;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.agents.runtime.MalformedTask;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the Performance agent judges a cost/resource recommendation: the what-if that models the change, and the
 * verdict (approved iff the predicted p95 stays within the deployment's SLO).
 */
public final class ChangeValidation {
    public record Verdict(boolean approved, String reason) {}

    private ChangeValidation() {}

    /** The {@code /predict} body modelling the change; unknown types are modelled as the current config. */
    public static Map<String, Object> changes(String type, JsonNode details) throws MalformedTask {
        Map<String, Object> changes = new LinkedHashMap<>();
        switch (type) {
            case "spot_migration" -> changes.put("spot_share",
                    details.path("spot_share").isNumber() ? details.get("spot_share").asDouble() : 1.0);
            case "instance_rightsizing" -> changes.put("instance_type", required(details, "target_instance_type")
                    .asText());
            case "gpu_consolidation" -> changes.put("instance_count", targetCount(details));
            case "cross_cloud_workload_placement" -> {
                // the whole load on the other cloud's on-demand instances
                changes.put("instance_type", required(details, "target_instance_type").asText());
                changes.put("instance_count", targetCount(details));
                changes.put("spot_share", 0.0);
            }
            default -> { }
        }
        return changes;
    }

    public static Verdict judge(String type, double predictedP95Ms, double sloP95Ms) {
        boolean approved = predictedP95Ms <= sloP95Ms;
        return new Verdict(approved, String.format(java.util.Locale.ROOT,
                "%s: predicted p95 %.1f ms %s the %.0f ms SLO", type, predictedP95Ms,
                approved ? "is within" : "exceeds", sloP95Ms));
    }

    private static int targetCount(JsonNode details) throws MalformedTask {
        JsonNode count = required(details, "target_count");
        if (!count.canConvertToInt()) {
            throw new MalformedTask("details.target_count must be an integer");
        }
        return count.asInt();
    }

    private static JsonNode required(JsonNode details, String field) throws MalformedTask {
        JsonNode v = details.get(field);
        if (v == null || v.isNull()) {
            throw new MalformedTask("recommendation details lack " + field);
        }
        return v;
    }
}
