package io.optiinfra.e2e.support.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.cloud.CloudSimulatorClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The customer's cloud as the simulator reports it — never as the platform remembers it: every running instance
 * (type, market, deployment) and every deployment's vLLM config, quantization and canary. Two of these compared
 * say exactly what a rollback failed to restore.
 */
public record CloudBaseline(Map<String, String> instances, Map<String, String> deployments) {

    public static CloudBaseline of(CloudSimulatorClient cloud, String customerId) {
        Map<String, String> instances = new TreeMap<>();
        for (JsonNode i : cloud.runningInstances(customerId)) {
            instances.put(i.get("id").asText(), i.path("instance_type").asText() + "/" + i.path("market").asText()
                    + "/" + i.path("deployment_id").asText("none"));
        }
        Map<String, String> deployments = new TreeMap<>();
        for (JsonNode d : cloud.deployments(customerId)) {
            JsonNode full = cloud.deployment(customerId, d.get("id").asText());
            deployments.put(full.get("id").asText(), "vllm_config=" + full.get("vllm_config") + " quantization="
                    + full.path("quantization").asText() + " canary=" + (full.path("canary").isMissingNode()
                    || full.path("canary").isNull() ? "none" : full.get("canary")));
        }
        return new CloudBaseline(instances, deployments);
    }

    /** Every difference from {@code before}, one line each (empty when the cloud is exactly as it was). */
    public List<String> differencesFrom(CloudBaseline before) {
        List<String> diff = new ArrayList<>();
        before.instances.forEach((id, shape) -> {
            if (!instances.containsKey(id)) {
                diff.add("instance " + id + " (" + shape + ") is gone");
            } else if (!instances.get(id).equals(shape)) {
                diff.add("instance " + id + " was " + shape + ", is " + instances.get(id));
            }
        });
        instances.forEach((id, shape) -> {
            if (!before.instances.containsKey(id)) {
                diff.add("instance " + id + " (" + shape + ") was not there before");
            }
        });
        before.deployments.forEach((id, config) -> {
            if (!config.equals(deployments.get(id))) {
                diff.add("deployment " + id + " was [" + config + "], is [" + deployments.get(id) + "]");
            }
        });
        return diff;
    }

    /** Running instances per deployment. */
    public Map<String, Long> servingCounts() {
        Map<String, Long> counts = new TreeMap<>();
        deployments.keySet().forEach(d -> counts.put(d, 0L));
        instances.values().forEach(shape -> {
            String deployment = shape.substring(shape.lastIndexOf('/') + 1);
            if (counts.containsKey(deployment)) {
                counts.merge(deployment, 1L, Long::sum);
            }
        });
        return counts;
    }

    /** Running instances serving no deployment: what nobody would ever terminate. */
    public List<String> unattached() {
        return instances.entrySet().stream().filter(e -> e.getValue().endsWith("/none"))
                .map(e -> e.getKey() + " (" + e.getValue() + ")").toList();
    }
}
