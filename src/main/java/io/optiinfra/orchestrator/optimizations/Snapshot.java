package io.optiinfra.orchestrator.optimizations;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.common.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The cloud state a rollback must return to: every running instance (type, market, deployment, role) and the
 * configuration of the affected deployments. Taken before the first step, compared after the rollback.
 */
final class Snapshot {
    private Snapshot() {}

    static Map<String, Object> take(CloudActions cloud, List<String> deploymentIds) {
        Map<String, Object> instances = new LinkedHashMap<>();
        for (JsonNode i : cloud.runningInstances()) {
            Map<String, Object> shape = new LinkedHashMap<>();
            shape.put("instance_type", i.path("instance_type").asText());
            shape.put("market", i.path("market").asText());
            shape.put("deployment_id", i.path("deployment_id").isNull() ? null : i.path("deployment_id").asText(null));
            instances.put(i.get("id").asText(), shape);
        }
        Map<String, Object> deployments = new LinkedHashMap<>();
        for (String id : deploymentIds) {
            JsonNode d = cloud.deployment(id);
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("vllm_config", Json.MAPPER.convertValue(d.get("vllm_config"), Map.class));
            config.put("quantization", d.path("quantization").asText());
            config.put("canary", d.path("canary").isNull() || d.path("canary").isMissingNode() ? null : "present");
            deployments.put(id, config);
        }
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("instances", instances);
        snapshot.put("deployments", deployments);
        return snapshot;
    }

    /** Equal instances and deployment configs, and none of the rollout's own instances left running. */
    static boolean matches(Map<String, Object> before, Map<String, Object> after, List<String> created,
                           Consumer<String> mismatch) {
        List<String> problems = new ArrayList<>();
        Map<?, ?> afterInstances = (Map<?, ?>) after.get("instances");
        for (String id : created) {
            if (afterInstances.containsKey(id)) {
                problems.add("created instance " + id + " is still running");
            }
        }
        if (!Objects.equals(before.get("instances"), after.get("instances"))) {
            problems.add("instances differ: before " + before.get("instances") + ", after " + after.get("instances"));
        }
        if (!Objects.equals(before.get("deployments"), after.get("deployments"))) {
            problems.add("deployments differ: before " + before.get("deployments") + ", after " + after.get("deployments"));
        }
        problems.forEach(mismatch);
        return problems.isEmpty();
    }
}
