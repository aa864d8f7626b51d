package io.optiinfra.orchestrator.conflicts;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.common.ApiException;
import io.optiinfra.common.Json;
import io.optiinfra.common.client.CloudSimClient;
import io.optiinfra.orchestrator.events.EventBus;
import io.optiinfra.orchestrator.optimizations.OptimizationService;
import io.optiinfra.orchestrator.optimizations.PlannedChange;
import io.optiinfra.orchestrator.recommendations.Recommendation;
import io.optiinfra.orchestrator.recommendations.RecommendationService;
import io.optiinfra.store.Postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

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
        List<Recommendation> recs = new ArrayList<>();
        for (UUID id : recommendationIds) {
            Recommendation rec = recommendations.require(id);
            if (!customerId.equals(rec.customerId())) {
                // the same refusal as every other tenant check (403), never a 400 that tells what exists elsewhere
                throw ApiException.forbidden("recommendation " + id + " belongs to another tenant");
            }
            rec.requirePending();
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
            outcome.put("hybrid_solution", hybrid(customerId, decision.hybridPair()));
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

    /**
     * Runs what a resolution decided; returns the optimization that carries it out. One transaction locks the
     * resolution and its recommendations, so a resolution runs once, and every recommendation it runs passes the same
     * rule as an approval (pending and validated); those it sets aside must still be pending.
     */
    public UUID execute(UUID resolutionId, Consumer<UUID> tenantCheck) {
        List<Recommendation> rejected = new ArrayList<>();
        OptimizationService.Admitted admitted = pg.inTransaction(c -> {
            Map<String, Object> row = lockResolution(c, resolutionId);
            UUID customerId = (UUID) row.get("customer_id");
            tenantCheck.accept(customerId);
            if (row.get("optimization_id") != null) {
                throw ApiException.conflict("resolution " + resolutionId + " was already executed (optimization "
                        + row.get("optimization_id") + ")");
            }
            List<UUID> ids = ((List<?>) row.get("recommendation_ids")).stream().map(r -> (UUID) r).toList();
            Map<UUID, Recommendation> recs = recommendations.lock(c, ids);
            JsonNode outcome = Json.read((String) row.get("outcome"));
            String strategy = outcome.path("resolution_strategy").asText(null);
            List<PlannedChange> changes = new ArrayList<>();
            if ("prioritize_customer".equals(strategy)) {
                UUID chosen = UUID.fromString(outcome.get("chosen_recommendation").get("id").asText());
                changes.add(PlannedChange.of(recs.get(chosen)));
                recs.values().stream().filter(r -> !chosen.equals(r.id())).forEach(rejected::add);
            } else if ("negotiate_hybrid".equals(strategy)) {
                JsonNode hybrid = outcome.get("hybrid_solution");
                Recommendation spot = recs.get(UUID.fromString(hybrid.get("spot_recommendation_id").asText()));
                Recommendation reserved = recs.get(UUID.fromString(hybrid.get("reserved_recommendation_id").asText()));
                changes.add(new PlannedChange(spot, "hybrid_spot_reserved", Json.MAPPER.convertValue(hybrid, Map.class),
                        hybrid.get("estimated_savings").asDouble(), List.of(reserved)));
            } else {
                outcome.get("execution_order").forEach(r -> changes.add(PlannedChange.of(recs.get(
                        UUID.fromString(r.get("id").asText())))));
            }
            OptimizationService.Admitted started = optimizations.admit(c, customerId, changes, rejected,
                    strategy == null ? "independent" : strategy);
            try (PreparedStatement ps = Postgres.prepare(c, "UPDATE conflict_resolutions SET optimization_id = ? "
                    + "WHERE id = ?", started.optimizationId(), resolutionId)) {
                ps.executeUpdate();
            }
            return started;
        });
        rejected.forEach(optimizations::publishRejected);
        return optimizations.launch(admitted);
    }

    private static Map<String, Object> lockResolution(Connection c, UUID resolutionId) throws SQLException {
        try (PreparedStatement ps = Postgres.prepare(c, "SELECT customer_id, recommendation_ids, strategy, "
                + "outcome::text AS outcome, optimization_id FROM conflict_resolutions WHERE id = ? FOR UPDATE",
                resolutionId); ResultSet rs = ps.executeQuery()) {
            List<Map<String, Object>> rows = Postgres.rows(rs);
            if (rows.isEmpty()) {
                throw ApiException.notFound("resolution " + resolutionId + " does not exist");
            }
            return rows.get(0);
        }
    }

    private Map<String, Object> hybrid(UUID customerId, List<ConflictResolver.Rec> pair) {
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

    private static ConflictResolver.Rec rec(Recommendation rec) {
        return new ConflictResolver.Rec(rec.id().toString(), rec.agentType(), rec.type(),
                new HashSet<>(rec.affectedResources()), rec.deploymentId(), rec.estimatedSavings());
    }
}
