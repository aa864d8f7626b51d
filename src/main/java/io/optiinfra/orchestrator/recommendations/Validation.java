package io.optiinfra.orchestrator.recommendations;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.sql.Timestamp;
import java.util.Map;

/** A validator agent's verdict on a recommendation (SPEC §5 {@code validations[]}), one per agent type. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"agent_type", "approved", "reason", "baseline_established", "predicted_p95_ms", "created_at"})
public record Validation(String agentType, boolean approved, String reason, Boolean baselineEstablished,
                         Double predictedP95Ms, Timestamp createdAt) {

    static Validation fromRow(Map<String, Object> row) {
        return new Validation((String) row.get("agent_type"), Boolean.TRUE.equals(row.get("approved")),
                (String) row.get("reason"), (Boolean) row.get("baseline_established"),
                row.get("predicted_p95_ms") == null ? null : ((Number) row.get("predicted_p95_ms")).doubleValue(),
                (Timestamp) row.get("created_at"));
    }

    boolean establishedBaseline() {
        return Boolean.TRUE.equals(baselineEstablished);
    }
}
