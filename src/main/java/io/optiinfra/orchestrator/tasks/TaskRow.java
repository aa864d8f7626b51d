package io.optiinfra.orchestrator.tasks;

import java.util.Map;
import java.util.UUID;

/** A task row as a lifecycle transaction reads it (SELECT ... FOR UPDATE) and decides on it. */
record TaskRow(UUID id, UUID analysisId, UUID customerId, String agentType, String analysisType, String parameters,
               String status, int attempts, UUID agentId) {

    static TaskRow of(Map<String, Object> row) {
        return new TaskRow((UUID) row.get("id"), (UUID) row.get("analysis_id"), (UUID) row.get("customer_id"),
                (String) row.get("agent_type"), (String) row.get("analysis_type"), (String) row.get("parameters"),
                (String) row.get("status"), (Integer) row.get("attempts"), (UUID) row.get("agent_id"));
    }

    /** The row as this transaction leaves it. */
    TaskRow with(String newStatus, int newAttempts) {
        return new TaskRow(id, analysisId, customerId, agentType, analysisType, parameters, newStatus, newAttempts,
                agentId);
    }
}
