package io.optiinfra.orchestrator.infrastructure;

import io.optiinfra.common.ApiException;
import io.optiinfra.orchestrator.infrastructure.InfrastructureService.DeploymentRecord;
import io.optiinfra.orchestrator.infrastructure.InfrastructureService.InstanceRecord;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a snapshot must agree with itself on before it replaces the stored inventory: instance ids and deployment ids
 * each unique (the stored rows are keyed by them, so a repeat was a unique violation and a 500), and an instance's
 * {@code details.deployment_id}, when it has one, names a deployment of the same snapshot.
 *
 * <p>The opposite link (a deployment's {@code details.instance_ids}) is not checked: the collector reads instances
 * before deployments, so a canary launched in between is listed by its deployment but not yet among the instances.
 * Deployments are never deleted, so every deployment an instance names is still there when the second read runs.
 */
final class SnapshotConsistency {
    private SnapshotConsistency() {}

    static void check(List<InstanceRecord> instances, List<DeploymentRecord> deployments) {
        Set<String> deploymentIds = unique(deployments.stream().map(DeploymentRecord::id).toList(), "vllm_deployments");
        unique(instances.stream().map(InstanceRecord::id).toList(), "instances");
        for (int i = 0; i < instances.size(); i++) {
            Map<String, Object> details = instances.get(i).details();
            Object deployment = details == null ? null : details.get("deployment_id");
            if (deployment == null) {
                continue;
            }
            if (!(deployment instanceof String name)) {
                throw ApiException.badRequest("instances[" + i + "].details.deployment_id must be a string or null");
            }
            if (!deploymentIds.contains(name)) {
                throw ApiException.badRequest("instances[" + i + "] (" + instances.get(i).id() + ") belongs to deployment "
                        + name + ", which is not in this snapshot's vllm_deployments");
            }
        }
    }

    /** The ids as a set; a repeated one is a 400 naming both positions. */
    private static Set<String> unique(List<String> ids, String list) {
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            Integer earlier = first.putIfAbsent(ids.get(i), i);
            if (earlier != null) {
                throw ApiException.badRequest(list + "[" + i + "].id repeats " + ids.get(i) + " (" + list + "[" + earlier
                        + "]): ids in a snapshot are unique");
            }
        }
        return new HashSet<>(first.keySet());
    }
}
