package io.optiinfra.orchestrator.tasks;

import io.optiinfra.common.ApiException;
import io.optiinfra.orchestrator.agents.AgentRegistry;
import io.optiinfra.orchestrator.events.EventBus;
import io.optiinfra.store.Postgres;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Starts analyses (one task per agent type asked for) and routes single analysis requests to an agent type. */
public final class AnalysisService {
    private final Postgres pg;
    private final TaskQueue queue;
    private final EventBus events;

    public AnalysisService(Postgres pg, TaskQueue queue, EventBus events) {
        this.pg = pg;
        this.queue = queue;
        this.events = events;
    }

    /** {@code agentType} null means every agent type. */
    public UUID startAnalysis(UUID customerId, String agentType) {
        List<String> types = agentType == null ? List.of("cost", "performance", "resource", "application") : List.of(agentType);
        if (agentType != null && !AgentRegistry.AGENT_TYPES.contains(agentType)) {
            throw ApiException.badRequest("agent_type must be one of " + AgentRegistry.AGENT_TYPES);
        }
        UUID analysisId = UUID.randomUUID();
        pg.update("INSERT INTO analyses (id, customer_id, agent_types, status) VALUES (?, ?, ?, 'started')",
                analysisId, customerId, types.toArray(String[]::new));
        for (String type : types) {
            queue.enqueue(customerId, analysisId, type, type, Map.of());
        }
        events.publish(customerId, "analysis_started", "orchestrator", Map.of("analysis_id", analysisId.toString(),
                "agent_types", types));
        return analysisId;
    }

    /** Routes one analysis type to its agent type's stream; returns {routed_to_agent, task_id}. */
    public Map<String, Object> route(UUID customerId, String analysisType, Map<String, Object> parameters) {
        String agentType = analysisType == null ? null : TaskStreams.agentFor(analysisType);
        if (agentType == null) {
            throw ApiException.badRequest("analysis_type must be one of " + TaskStreams.analysisTypes());
        }
        UUID taskId = queue.enqueue(customerId, null, agentType, analysisType, parameters);
        events.publish(customerId, "analysis_started", "orchestrator", Map.of("task_id", taskId.toString(),
                "analysis_type", analysisType, "routed_to_agent", agentType + "-agent"));
        return Map.of("routed_to_agent", agentType + "-agent", "task_id", taskId);
    }

    public Map<String, Object> analysis(UUID customerId, UUID analysisId) {
        Map<String, Object> analysis = pg.queryOne("SELECT id, customer_id, agent_types, status, created_at, completed_at "
                + "FROM analyses WHERE id = ? AND customer_id = ?", analysisId, customerId)
                .orElseThrow(() -> ApiException.notFound("analysis " + analysisId + " does not exist"));
        Map<String, Object> view = new LinkedHashMap<>(analysis);
        view.put("tasks", pg.query("SELECT id AS task_id, agent_type, analysis_type, status, attempts, completed_by "
                + "FROM tasks WHERE analysis_id = ? ORDER BY agent_type", analysisId));
        return view;
    }
}
