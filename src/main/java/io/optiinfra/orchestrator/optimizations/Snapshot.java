package io.optiinfra.orchestrator.optimizations;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.common.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The cloud state a rollback must return to: every running instance (type, market, deployment) and the
 * configuration of the affected deployments. Taken before the first step, compared after the rollback. Stored as
 * {@code optimizations.original_state} (jsonb) under the JSON names below, so a restarted orchestrator reads it back.
 *
 * @param instances   running instance id → its shape
 * @param deployments affected deployment id → its configuration (absent in snapshots older than deployment configs)
 * @param monthlyCost the account's monthly cost when the rollout started; null until {@link #withMonthlyCost}
 */
record Snapshot(Map<String, InstanceShape> instances, Map<String, DeploymentShape> deployments,
                @JsonProperty("monthly_cost") Double monthlyCost) {

    /** What a rollback puts back on an instance: the fields {@code POST .../modify} takes. */
    record InstanceShape(@JsonProperty("instance_type") String instanceType, String market,
                         @JsonProperty("deployment_id") String deploymentId) {}

    /** {@code canary} is "present" or null: a rollback removes a canary, it never recreates one. */
    record DeploymentShape(@JsonProperty("vllm_config") Map<String, Object> vllmConfig, String quantization,
                           String canary) {}

    Snapshot {
        deployments = deployments == null ? Map.of() : deployments;
    }

    static Snapshot take(CloudActions cloud, List<String> deploymentIds) {
        Map<String, InstanceShape> instances = new LinkedHashMap<>();
        for (JsonNode i : cloud.runningInstances()) {
            instances.put(i.get("id").asText(), new InstanceShape(i.path("instance_type").asText(),
                    i.path("market").asText(),
                    i.path("deployment_id").isNull() ? null : i.path("deployment_id").asText(null)));
        }
        Map<String, DeploymentShape> deployments = new LinkedHashMap<>();
        for (String id : deploymentIds) {
            JsonNode d = cloud.deployment(id);
            @SuppressWarnings("unchecked")
            Map<String, Object> vllm = Json.MAPPER.convertValue(d.get("vllm_config"), Map.class);
            deployments.put(id, new DeploymentShape(vllm, d.path("quantization").asText(),
                    d.path("canary").isNull() || d.path("canary").isMissingNode() ? null : "present"));
        }
        return new Snapshot(instances, deployments, null);
    }

    Snapshot withMonthlyCost(double cost) {
        return new Snapshot(instances, deployments, cost);
    }

    List<String> deploymentIds() {
        return List.copyOf(deployments.keySet());
    }

    /**
     * Brings the cloud back to the snapshot as far as the rollout's own effects go: instances it started (or that
     * appeared on the affected deployments since) terminated, changed instances modified back, a canary removed and
     * a changed configuration restored. Instances lost to the provider cannot come back; {@link #matches} says so.
     */
    static void restore(CloudActions cloud, Snapshot before, List<String> created) {
        Map<String, DeploymentShape> deployments = before.deployments();
        Snapshot now = take(cloud, before.deploymentIds());
        List<String> strays = new ArrayList<>();
        for (Map.Entry<String, InstanceShape> instance : now.instances().entrySet()) {
            InstanceShape shape = instance.getValue();
            InstanceShape original = before.instances().get(instance.getKey());
            if (original == null) {
                if (created.contains(instance.getKey()) || deployments.containsKey(shape.deploymentId())) {
                    strays.add(instance.getKey());
                }
            } else if (!original.equals(shape) && (deployments.containsKey(original.deploymentId())
                    || deployments.containsKey(shape.deploymentId()))) {
                cloud.modify(instance.getKey(), changedBack(original, shape));
            }
        }
        cloud.terminateAll(strays);
        for (Map.Entry<String, DeploymentShape> deployment : deployments.entrySet()) {
            DeploymentShape original = deployment.getValue();
            DeploymentShape current = now.deployments().get(deployment.getKey());
            if (original.canary() == null && current.canary() != null) {
                cloud.removeCanary(deployment.getKey());
            }
            if (!Objects.equals(original.vllmConfig(), current.vllmConfig())
                    || !Objects.equals(original.quantization(), current.quantization())) {
                Map<String, Object> config = new LinkedHashMap<>();
                config.put("vllm_config", original.vllmConfig());
                config.put("quantization", original.quantization());
                cloud.configure(deployment.getKey(), config);
            }
        }
    }

    /** The body of the modify call: only the fields that differ, with their original values. */
    private static Map<String, Object> changedBack(InstanceShape original, InstanceShape now) {
        Map<String, Object> back = new LinkedHashMap<>();
        if (!Objects.equals(original.instanceType(), now.instanceType())) {
            back.put("instance_type", original.instanceType());
        }
        if (!Objects.equals(original.market(), now.market())) {
            back.put("market", original.market());
        }
        if (!Objects.equals(original.deploymentId(), now.deploymentId())) {
            back.put("deployment_id", original.deploymentId());
        }
        return back;
    }

    /** Equal instances and deployment configs, and none of the rollout's own instances left running. */
    static boolean matches(Snapshot before, Snapshot after, List<String> created, Consumer<String> mismatch) {
        List<String> problems = new ArrayList<>();
        for (String id : created) {
            if (after.instances().containsKey(id)) {
                problems.add("created instance " + id + " is still running");
            }
        }
        if (!Objects.equals(before.instances(), after.instances())) {
            problems.add("instances differ: before " + Json.write(before.instances()) + ", after "
                    + Json.write(after.instances()));
        }
        if (!Objects.equals(before.deployments(), after.deployments())) {
            problems.add("deployments differ: before " + Json.write(before.deployments()) + ", after "
                    + Json.write(after.deployments()));
        }
        problems.forEach(mismatch);
        return problems.isEmpty();
    }
}
