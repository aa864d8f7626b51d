package io.optiinfra.agents.shared;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@code GET /orchestrator/customers/{id}/context}: the customer and its discovered inventory. */
public record CustomerContext(String customerId, String infrastructureStatus, String cloudProvider, String region,
                              List<Instance> instances, List<Deployment> deployments) {
    public CustomerContext {
        instances = List.copyOf(instances);
        deployments = List.copyOf(deployments);
    }

    public static CustomerContext parse(String customerId, JsonNode context) {
        JsonNode infra = context.path("infrastructure");
        List<Instance> instances = new ArrayList<>();
        infra.path("instances").forEach(i -> instances.add(Instance.parse(i)));
        List<Deployment> deployments = new ArrayList<>();
        infra.path("vllm_deployments").forEach(d -> deployments.add(Deployment.parse(d)));
        return new CustomerContext(customerId, infra.path("status").asText("pending"),
                infra.path("cloud_provider").asText(null), infra.path("region").asText(null), instances, deployments);
    }

    /** The deployments a task covers: all of them, or the one its {@code deployment_id} names (maybe none). */
    public List<Deployment> selected(String deploymentId) {
        return deploymentId == null ? deployments
                : deployments.stream().filter(d -> d.id().equals(deploymentId)).toList();
    }

    public Optional<Deployment> deployment(String id) {
        return deployments.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** Running instances serving {@code d}, by either side of the link (instance or deployment), sorted by id. */
    public List<Instance> runningInstancesOf(Deployment d) {
        return instances.stream()
                .filter(i -> i.running() && (d.id().equals(i.deploymentId()) || d.instanceIds().contains(i.id())))
                .sorted(Comparator.comparing(Instance::id)).toList();
    }

    /** Running instances that serve no deployment. */
    public List<Instance> unattachedRunning() {
        return instances.stream()
                .filter(i -> i.running() && i.deploymentId() == null
                        && deployments.stream().noneMatch(d -> d.instanceIds().contains(i.id())))
                .sorted(Comparator.comparing(Instance::id)).toList();
    }

    /** The most common instance type among {@code instances} (ties: alphabetical), or null. */
    public static String mostCommonType(List<Instance> instances) {
        Map<String, Long> counts = instances.stream().filter(i -> i.instanceType() != null)
                .collect(Collectors.groupingBy(Instance::instanceType, Collectors.counting()));
        return counts.entrySet().stream()
                .max(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(Map.Entry::getKey).orElse(null);
    }

    public static List<String> ids(List<Instance> instances) {
        return instances.stream().map(Instance::id).toList();
    }
}
