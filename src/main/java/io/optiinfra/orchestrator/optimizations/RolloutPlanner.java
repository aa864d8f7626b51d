package io.optiinfra.orchestrator.optimizations;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.common.Json;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an approved recommendation into its blue-green rollout, 10 % → 50 % → 100 % (SPEC §6). Spot migration has its
 * own step names; every other type uses apply_canary, validate_canary, scale_to_50_percent, validate_50_percent,
 * full_rollout, finalize. Steps are rebuilt the same way after an orchestrator restart.
 */
final class RolloutPlanner {
    private final Duration canarySoak;
    private final Duration fiftySoak;

    RolloutPlanner(Duration canarySoak, Duration fiftySoak) {
        this.canarySoak = canarySoak;
        this.fiftySoak = fiftySoak;
    }

    List<RolloutStep> plan(PlannedChange change) {
        String id = change.id().toString();
        String type = change.type();
        JsonNode d = Json.MAPPER.valueToTree(change.details());
        return switch (type) {
            case "spot_migration" -> spotMigration(id, d);
            case "kv_cache_optimization", "quantization", "batching_optimization" -> configChange(id, d);
            case "instance_rightsizing", "cross_cloud_workload_placement" -> replaceInstances(id, d);
            case "gpu_consolidation" -> consolidation(id, d);
            case "reserved_instances", "hybrid_spot_reserved" -> marketChange(id, d);
            case "idle_resource_cleanup" -> cleanup(id, d);
            default -> throw new IllegalArgumentException("no rollout for recommendation type " + type);
        };
    }

    private List<RolloutStep> spotMigration(String rec, JsonNode d) {
        String dep = d.get("deployment_id").asText();
        List<String> originals = texts(d.get("instance_ids"));
        List<RolloutStep> steps = new ArrayList<>();
        steps.add(new RolloutStep("create_spot_instances", rec, s -> {
            JsonNode deployment = s.cloud.deployment(dep);
            s.created(s.cloud.createInstances(deployment.get("cloud").asText(), deployment.get("region").asText(),
                    d.get("instance_type").asText(), "spot", originals.size(), dep, "canary"));
        }, s -> terminate(s, s.createdInstances())));
        steps.add(new RolloutStep("deploy_canary", rec, s -> s.cloud.canary(dep, Map.of("percent", 10)),
                s -> s.cloud.removeCanary(dep)));
        steps.add(gate("validate_canary", rec, dep, true, canarySoak));
        steps.add(new RolloutStep("scale_to_50_percent", rec, s -> s.cloud.canary(dep, Map.of("percent", 50)),
                s -> s.cloud.removeCanary(dep)));
        steps.add(gate("validate_50_percent", rec, dep, true, fiftySoak));
        steps.add(new RolloutStep("full_migration", rec, s -> s.cloud.canary(dep, Map.of("percent", 100)),
                s -> s.cloud.removeCanary(dep)));
        steps.add(new RolloutStep("terminate_ondemand", rec, s -> {
            requireNewCapacity(s);
            s.cloud.promote(dep);
            requireNewCapacity(s); // the last look before the point of no return
            s.cloud.terminateAllForward(originals);
        }, RolloutStep.NOTHING));
        return steps;
    }

    private List<RolloutStep> configChange(String rec, JsonNode d) {
        String dep = d.get("deployment_id").asText();
        Map<String, Object> change = new HashMap<>();
        if (d.hasNonNull("vllm_config")) {
            change.put("vllm_config", Json.MAPPER.convertValue(d.get("vllm_config"), Map.class));
        }
        if (d.hasNonNull("quantization")) {
            change.put("quantization", d.get("quantization").asText());
        }
        return canaryShape(rec, dep, true, s -> {
            Map<String, Object> first = new HashMap<>(change);
            first.put("percent", 10);
            s.cloud.canary(dep, first);
        }, s -> s.cloud.removeCanary(dep), s -> s.cloud.canary(dep, Map.of("percent", 50)),
                s -> s.cloud.canary(dep, Map.of("percent", 100)), s -> s.cloud.promote(dep));
    }

    /** Right-sizing and cross-cloud placement: new instances (another type or cloud) take the traffic over. */
    private List<RolloutStep> replaceInstances(String rec, JsonNode d) {
        String dep = d.get("deployment_id").asText();
        List<String> originals = texts(d.get("instance_ids"));
        String targetType = d.get("target_instance_type").asText();
        return canaryShape(rec, dep, true, s -> {
            JsonNode deployment = s.cloud.deployment(dep);
            String cloud = d.hasNonNull("target_cloud") ? d.get("target_cloud").asText() : deployment.get("cloud").asText();
            String region = d.hasNonNull("target_region") ? d.get("target_region").asText() : deployment.get("region").asText();
            String market = d.hasNonNull("target_market") ? d.get("target_market").asText() : "on_demand";
            int count = d.hasNonNull("target_count") ? d.get("target_count").asInt() : originals.size();
            s.created(s.cloud.createInstances(cloud, region, targetType, market, count, dep, "canary"));
            s.cloud.canary(dep, Map.of("percent", 10));
        }, s -> {
            s.cloud.removeCanary(dep);
            terminate(s, s.createdInstances());
        }, s -> s.cloud.canary(dep, Map.of("percent", 50)), s -> s.cloud.canary(dep, Map.of("percent", 100)), s -> {
            requireNewCapacity(s);
            s.cloud.promote(dep);
            requireNewCapacity(s); // the last look before the point of no return
            s.cloud.terminateAllForward(originals);
        });
    }

    /** Consolidation: instances leave the deployment a few at a time (reversible) and are terminated at the end. */
    private List<RolloutStep> consolidation(String rec, JsonNode d) {
        String dep = d.get("deployment_id").asText();
        List<String> remove = texts(d.get("instance_ids_to_remove"));
        int firstBatch = Math.max(1, remove.size() / 10);
        int half = Math.max(firstBatch, remove.size() / 2);
        return canaryShape(rec, dep, false, s -> detach(s, remove.subList(0, firstBatch)), s -> reattach(s, dep, remove),
                s -> detach(s, remove.subList(firstBatch, half)), s -> detach(s, remove.subList(half, remove.size())),
                s -> s.cloud.terminateAllForward(remove));
    }

    /** Reserved capacity (and the spot/reserved hybrid): markets change in place, a share at a time. */
    private List<RolloutStep> marketChange(String rec, JsonNode d) {
        String dep = d.get("deployment_id").asText();
        Map<String, String> target = new java.util.LinkedHashMap<>();
        if (d.has("spot_instance_ids")) {
            texts(d.get("spot_instance_ids")).forEach(i -> target.put(i, "spot"));
            texts(d.get("reserved_instance_ids")).forEach(i -> target.put(i, "reserved"));
        } else {
            texts(d.get("instance_ids")).forEach(i -> target.put(i, "reserved"));
        }
        List<String> ids = new ArrayList<>(target.keySet());
        int firstBatch = Math.max(1, ids.size() / 10);
        int half = Math.max(firstBatch, ids.size() / 2);
        return canaryShape(rec, dep, false, s -> market(s, ids.subList(0, firstBatch), target),
                s -> restoreMarkets(s, ids), s -> market(s, ids.subList(firstBatch, half), target),
                s -> market(s, ids.subList(half, ids.size()), target), RolloutStep.NOTHING);
    }

    private List<RolloutStep> cleanup(String rec, JsonNode d) {
        List<String> idle = texts(d.get("instance_ids"));
        List<RolloutStep> steps = new ArrayList<>();
        RolloutStep.Action stillIdle = s -> {
            for (JsonNode i : s.cloud.runningInstances()) {
                if (idle.contains(i.get("id").asText()) && i.hasNonNull("deployment_id")) {
                    throw new StepFailed("instance " + i.get("id").asText() + " is serving a deployment again");
                }
            }
        };
        for (String name : List.of("apply_canary", "validate_canary", "scale_to_50_percent", "validate_50_percent",
                "full_rollout")) {
            steps.add(new RolloutStep(name, rec, stillIdle, RolloutStep.NOTHING));
        }
        steps.add(new RolloutStep("finalize", rec, s -> s.cloud.terminateAllForward(idle), RolloutStep.NOTHING));
        return steps;
    }

    private List<RolloutStep> canaryShape(String rec, String dep, boolean canaryTelemetry, RolloutStep.Action apply,
                                          RolloutStep.Action undo, RolloutStep.Action fifty, RolloutStep.Action full,
                                          RolloutStep.Action finalize) {
        return List.of(
                new RolloutStep("apply_canary", rec, apply, undo),
                gate("validate_canary", rec, dep, canaryTelemetry, canarySoak),
                new RolloutStep("scale_to_50_percent", rec, fifty, undo),
                gate("validate_50_percent", rec, dep, canaryTelemetry, fiftySoak),
                new RolloutStep("full_rollout", rec, full, undo),
                new RolloutStep("finalize", rec, finalize, RolloutStep.NOTHING));
    }

    private static RolloutStep gate(String name, String rec, String dep, boolean canary, Duration soak) {
        return new RolloutStep(name, rec, s -> s.gateChecks.put(name + ":" + rec, s.gate.check(s, dep, canary, soak)),
                RolloutStep.NOTHING);
    }

    /**
     * Before the originals go: every instance the rollout started must still be running (a spot reclaim or a lost
     * instance since the last gate would otherwise leave the deployment short, or with nothing serving).
     */
    private static void requireNewCapacity(RolloutState s) {
        List<String> created = s.createdInstances();
        List<String> running = new ArrayList<>();
        for (JsonNode i : s.cloud.runningInstances()) {
            running.add(i.get("id").asText());
        }
        List<String> lost = created.stream().filter(id -> !running.contains(id)).toList();
        if (!lost.isEmpty()) {
            throw new StepFailed(lost.size() + " of the " + created.size() + " new instances are no longer running "
                    + lost + ": the originals stay");
        }
    }

    private static void terminate(RolloutState s, List<String> ids) {
        s.cloud.terminateAll(ids);
    }

    private static void detach(RolloutState s, List<String> ids) {
        Map<String, Object> detachChange = new HashMap<>();
        detachChange.put("deployment_id", null);
        ids.forEach(i -> s.cloud.modify(i, detachChange));
    }

    private static void reattach(RolloutState s, String dep, List<String> ids) {
        for (JsonNode i : s.cloud.runningInstances()) {
            if (ids.contains(i.get("id").asText()) && !i.hasNonNull("deployment_id")) {
                s.cloud.modify(i.get("id").asText(), Map.of("deployment_id", dep));
            }
        }
    }

    private static void market(RolloutState s, List<String> ids, Map<String, String> target) {
        ids.forEach(i -> s.cloud.modify(i, Map.of("market", target.get(i))));
    }

    private static void restoreMarkets(RolloutState s, List<String> ids) {
        ids.forEach(i -> s.cloud.modify(i, Map.of("market", "on_demand")));
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(v -> values.add(v.asText()));
        }
        return values;
    }
}
