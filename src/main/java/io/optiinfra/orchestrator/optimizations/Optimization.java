package io.optiinfra.orchestrator.optimizations;

import io.optiinfra.common.Json;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A stored optimization (table {@code optimizations}): what it runs, where it stands, what it must restore. */
record Optimization(UUID id, UUID customerId, List<UUID> recommendationIds, String kind, String status, int progress,
                    double predictedSavings, Snapshot originalState, List<String> createdInstanceIds,
                    String resultJson, String rollbackJson, Timestamp startedAt, Timestamp completedAt) {

    static Optimization fromRow(Map<String, Object> row) {
        return new Optimization((UUID) row.get("id"), (UUID) row.get("customer_id"),
                ((List<?>) row.get("recommendation_ids")).stream().map(r -> (UUID) r).toList(), (String) row.get("kind"),
                (String) row.get("status"), (Integer) row.get("progress"),
                ((Number) row.get("predicted_savings")).doubleValue(),
                Json.MAPPER.convertValue(Json.read((String) row.get("original_state")), Snapshot.class),
                ((List<?>) row.get("created_instance_ids")).stream().map(Object::toString).toList(),
                (String) row.get("result"), (String) row.get("rollback"), (Timestamp) row.get("started_at"),
                (Timestamp) row.get("completed_at"));
    }

    boolean unfinished() {
        return "running".equals(status) || "rolling_back".equals(status);
    }
}
