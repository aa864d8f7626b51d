package io.optiinfra.orchestrator.conflicts;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.common.ApiException;
import io.optiinfra.common.Json;
import io.optiinfra.common.client.CloudSimClient;
import io.optiinfra.orchestrator.events.EventBus;
import io.optiinfra.orchestrator.optimizations.OptimizationService;
import io.optiinfra.orchestrator.recommendations.RecommendationService;
import io.optiinfra.store.Postgres;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** POST /orchestrator/resolve-conflict and /orchestrator/execute-resolution behind the routes. */
public final class ConflictService {
    private final Postgres pg;
    private final RecommendationService recommendations;
    private final OptimizationService optimizations;
    private final CloudSimClient cloud;
    private final EventBus events;

    public ConflictService(Postgres pg, RecommendationService recommendations, OptimizationService optimizations,
                           CloudSimClient cloud, EventBus events) {
        this.pg = pg;
        this.recommendations = recommendations;
        this.optimizations = optimizations;
        this.cloud = cloud;
        this.events = events;
    }

    public Map<String, Object> resolve(UUID customerId, List<UUID> recommendationIds) {
        if (recommendationIds == null || recommendationIds.size() < 2 || new HashSet<>(recommendationIds).size()
                != recommendationIds.size()) {
            throw ApiException.badRequest("recommendation_ids needs at least two distinct recommendations");
        }
        List<Map<String, Object>> recs = new ArrayList<>();
        for (UUID id : recommendationIds) {
            Map<String, Object> rec = recommendations.require(id);
            if (!customerId.equals(rec.get("customer_id"))) {
                // the same refusal as every other tenant check (403), never a 400 that tells what exists elsewhere
                throw ApiException.forbidden("recommendation " + id + " belongs to another tenant");
            }
            if (!"pending".equals(rec.get("status"))) {
                throw ApiException.conflict("recommendation " + id + " is " + rec.get("status") + ", not pending");
            }
            recs.add(rec);
        }
        List<String> priority = priorityOrder(customerId);
        ConflictResolver.Decision decision = ConflictResolver.decide(recs.stream().map(ConflictService::rec).toList(),
                priority);

        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("conflict_detected", decision.conflictDetected());
        outcome.put("resolution_strategy", decision.strategy() == null ? null : decision.strategy().name());
        outcome.put("priority_order", priority);
        if (decision.chosen() != null) {
            outcome.put("chosen_recommendation", ConflictResolver.describe(decision.chosen()));
        }
        if (decision.executionOrder() != null) {
            outcome.put("execution_order", decision.executionOrder().stream().map(ConflictResolver::describe).toList());
        }
        if (decision.hybridPair() != null) {
            outcome.put("hybrid_solution", hybrid(customerId, decision.hybridPair(), recs));
        }
        UUID id = UUID.randomUUID();
        pg.update("INSERT INTO conflict_resolutions (id, customer_id, recommendation_ids, conflict_detected, strategy, "
                + "outcome) VALUES (?, ?, ?, ?, ?, ?::jsonb)", id, customerId, recommendationIds.toArray(UUID[]::new),
                decision.conflictDetected(), outcome.get("resolution_strategy"), Json.write(outcome));
        events.publish(customerId, "conflict_resolved", "orchestrator", Map.of("resolution_id", id.toString(),
                "strategy", String.valueOf(outcome.get("resolution_strategy"))));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("id", id);
        response.putAll(outcome);
        return response;
    }

    /** Runs what a resolution decided; returns the optimization that carries it out. */
    public UUID execute(UUID resolutionId, java.util.function.Consumer<UUID> tenantCheck) {
        Map<String, Object> row = pg.queryOne("SELECT customer_id, recommendation_ids, strategy, outcome::text AS outcome, "
                + "optimization_id FROM conflict_resolutions WHERE id = ?", resolutionId)
                .orElseThrow(() -> ApiException.notFound("resolution " + resolutionId + " does not exist"));
        UUID customerId = (UUID) row.get("customer_id");
        tenantCheck.accept(customerId);
        if (row.get("optimization_id") != null) {
            throw ApiException.conflict("resolution " + resolutionId + " was already executed");
        }
        JsonNode outcome = Json.read((String) row.get("outcome"));
        String strategy = outcome.path("resolution_strategy").asText(null);
        UUID optimizationId;
        if ("prioritize_customer".equals(strategy)) {
            UUID chosen = UUID.fromString(outcome.get("chosen_recommendation").get("id").asText());
            for (Object other : (List<?>) row.get("recommendation_ids")) {
                if (!chosen.equals(other)) {
                    optimizations.reject(recommendations.require((UUID) other));
                }
            }
            optimizationId = optimizations.approve(recommendations.require(chosen));
        } else if ("negotiate_hybrid".equals(strategy)) {
            JsonNode hybrid = outcome.get("hybrid_solution");
            Map<String, Object> spot = recommendations.require(UUID.fromString(hybrid.get("spot_recommendation_id").asText()));
            Map<String, Object> synthetic = new LinkedHashMap<>(spot);
            synthetic.put("type", "hybrid_spot_reserved");
            synthetic.put("details", Json.MAPPER.convertValue(hybrid, Map.class));
            synthetic.put("estimated_savings", hybrid.get("estimated_savings").asDouble());
            synthetic.put("covers", List.of(hybrid.get("reserved_recommendation_id").asText()));
            optimizationId = optimizations.execute(customerId, List.of(synthetic), "negotiate_hybrid");
        } else {
            List<Map<String, Object>> ordered = new ArrayList<>();
            outcome.get("execution_order").forEach(r -> ordered.add(recommendations.require(UUID.fromString(r.get("id").asText()))));
            optimizationId = optimizations.execute(customerId, ordered, strategy == null ? "independent" : strategy);
        }
        pg.update("UPDATE conflict_resolutions SET optimization_id = ? WHERE id = ?", optimizationId, resolutionId);
        return optimizationId;
    }

    private Map<String, Object> hybrid(UUID customerId, List<ConflictResolver.Rec> pair, List<Map<String, Object>> recs) {
        ConflictResolver.Rec spotRec = pair.get(0);
        ConflictResolver.Rec reservedRec = pair.get(1);
        String deployment = spotRec.deploymentId();
        List<JsonNode> onDemand = new ArrayList<>();
        for (JsonNode i : cloud.instances(customerId.toString())) {
            if ("running".equals(i.path("state").asText()) && deployment.equals(i.path("deployment_id").asText())
                    && "on_demand".equals(i.path("market").asText())) {
                onDemand.add(i);
            }
        }
        int spotCount = (onDemand.size() + 1) / 2;
        double savings = 0;
        List<String> spotIds = new ArrayList<>();
        List<String> reservedIds = new ArrayList<>();
        for (int k = 0; k < onDemand.size(); k++) {
            JsonNode instance = onDemand.get(k);
            JsonNode type = price(instance.get("cloud").asText(), instance.get("instance_type").asText());
            double od = type.get("on_demand_hourly").asDouble();
            if (k < spotCount) {
                spotIds.add(instance.get("id").asText());
                savings += (od - type.get("spot_hourly").asDouble()) * 730;
            } else {
                reservedIds.add(instance.get("id").asText());
                savings += (od - type.get("reserved_1yr_hourly").asDouble()) * 730;
            }
        }
        double share = onDemand.isEmpty() ? 0 : (double) spotCount / onDemand.size();
        JsonNode predicted = cloud.predict(customerId.toString(), deployment, Map.of("spot_share", share));
        Map<String, Object> hybrid = new LinkedHashMap<>();
        hybrid.put("deployment_id", deployment);
        hybrid.put("spot_recommendation_id", spotRec.id());
        hybrid.put("reserved_recommendation_id", reservedRec.id());
        hybrid.put("spot_share", share);
        hybrid.put("spot_instance_ids", spotIds);
        hybrid.put("reserved_instance_ids", reservedIds);
        hybrid.put("estimated_savings", Math.round(savings * 100) / 100.0);
        hybrid.put("predicted_p95_ms", predicted.path("latency_p95_ms").asDouble());
        hybrid.put("within_slo", predicted.path("latency_p95_ms").asDouble() <= slo(customerId, deployment));
        return hybrid;
    }

    private double slo(UUID customerId, String deployment) {
        for (JsonNode d : cloud.deployments(customerId.toString())) {
            if (deployment.equals(d.get("id").asText())) {
                return d.get("slo_p95_ms").asDouble();
            }
        }
        throw ApiException.notFound("deployment " + deployment + " is not in the customer's cloud account");
    }

    private JsonNode price(String cloudName, String type) {
        for (JsonNode t : cloud.instanceTypes()) {
            if (cloudName.equals(t.get("cloud").asText()) && type.equals(t.get("instance_type").asText())) {
                return t;
            }
        }
        throw new IllegalStateException("no catalog price for " + cloudName + " " + type);
    }

    private List<String> priorityOrder(UUID customerId) {
        return pg.queryOne("SELECT priority_order FROM customers WHERE id = ?", customerId)
                .map(r -> ((List<?>) r.get("priority_order")).stream().map(Object::toString).toList()).orElseThrow();
    }

    private static ConflictResolver.Rec rec(Map<String, Object> rec) {
        Map<?, ?> details = (Map<?, ?>) rec.get("details");
        Object dep = details.get("deployment_id");
        return new ConflictResolver.Rec(rec.get("id").toString(), (String) rec.get("agent_type"), (String) rec.get("type"),
                new HashSet<>(((List<?>) rec.get("affected_resources")).stream().map(Object::toString).toList()),
                dep == null ? null : dep.toString(), ((Number) rec.get("estimated_savings")).doubleValue());
    }
}
