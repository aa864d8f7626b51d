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

    /**
     * Brings the cloud back to the snapshot as far as the rollout's own effects go: instances it started (or that
     * appeared on the affected deployments since) terminated, changed instances modified back, a canary removed and
     * a changed configuration restored. Instances lost to the provider cannot come back; {@link #matches} says so.
     */
    @SuppressWarnings("unchecked")
    static void restore(CloudActions cloud, Map<String, Object> before, List<String> created) {
        Map<String, Object> wanted = (Map<String, Object>) before.get("instances");
        Map<String, Object> deployments = (Map<String, Object>) before.getOrDefault("deployments", Map.of());
        Map<String, Object> now = take(cloud, List.copyOf(deployments.keySet()));
        List<String> strays = new ArrayList<>();
        for (Map.Entry<String, Object> instance : ((Map<String, Object>) now.get("instances")).entrySet()) {
            Map<String, Object> shape = (Map<String, Object>) instance.getValue();
            Map<String, Object> original = (Map<String, Object>) wanted.get(instance.getKey());
            if (original == null) {
                if (created.contains(instance.getKey()) || deployments.containsKey(shape.get("deployment_id"))) {
                    strays.add(instance.getKey());
                }
            } else if (!original.equals(shape) && (deployments.containsKey(original.get("deployment_id"))
                    || deployments.containsKey(shape.get("deployment_id")))) {
                Map<String, Object> back = new LinkedHashMap<>();
                for (String field : List.of("instance_type", "market", "deployment_id")) {
                    if (!Objects.equals(original.get(field), shape.get(field))) {
                        back.put(field, original.get(field));
                    }
                }
                cloud.modify(instance.getKey(), back);
            }
        }
        cloud.terminateAll(strays);
        for (Map.Entry<String, Object> deployment : deployments.entrySet()) {
            Map<String, Object> original = (Map<String, Object>) deployment.getValue();
            Map<String, Object> current = (Map<String, Object>) ((Map<String, Object>) now.get("deployments"))
                    .get(deployment.getKey());
            if (original.get("canary") == null && current.get("canary") != null) {
                cloud.removeCanary(deployment.getKey());
            }
            if (!Objects.equals(original.get("vllm_config"), current.get("vllm_config"))
                    || !Objects.equals(original.get("quantization"), current.get("quantization"))) {
                Map<String, Object> config = new LinkedHashMap<>();
                config.put("vllm_config", original.get("vllm_config"));
                config.put("quantization", original.get("quantization"));
                cloud.configure(deployment.getKey(), config);
            }
        }
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
