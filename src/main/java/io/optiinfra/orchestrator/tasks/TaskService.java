package io.optiinfra.orchestrator.tasks;

import io.optiinfra.common.ApiException;
import io.optiinfra.common.Json;
import io.optiinfra.orchestrator.agents.AgentRegistry;
import io.optiinfra.orchestrator.events.EventBus;
import io.optiinfra.orchestrator.recommendations.RecommendationInput;
import io.optiinfra.orchestrator.recommendations.RecommendationService;
import io.optiinfra.store.Postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The lifecycle of a task as agents drive it: claim → complete | fail. Delivery is at least once (Redis streams), so
 * every step is idempotent and the PostgreSQL row decides: a finished task is never run twice, attempts are bounded,
 * and exhausted or malformed tasks go to the dead-letter stream.
 */
public final class TaskService {
    public record Complete(String agent_id, List<RecommendationInput> recommendations, Map<String, Object> result) {}
    public record Fail(String agent_id, String error, Boolean permanent) {}

    private final Postgres pg;
    private final TaskQueue queue;
    private final AgentRegistry registry;
    private final RecommendationService recommendations;
    private final EventBus events;
    private final int maxAttempts;

    public TaskService(Postgres pg, TaskQueue queue, AgentRegistry registry, RecommendationService recommendations,
                       EventBus events, int maxAttempts) {
        this.pg = pg;
        this.queue = queue;
        this.registry = registry;
        this.recommendations = recommendations;
        this.events = events;
        this.maxAttempts = maxAttempts;
    }

    public Map<String, Object> claim(UUID taskId, UUID agentId) {
        requireRegistered(agentId);
        Map<String, Object> task = pg.inTransaction(c -> {
            Map<String, Object> row = lock(c, taskId);
            String status = (String) row.get("status");
            UUID holder = (UUID) row.get("agent_id");
            int attempts = (Integer) row.get("attempts");
            if (status.equals("completed") || status.equals("dead_lettered") || status.equals("failed")) {
                throw new ApiException(409, "task_done", "task " + taskId + " is already " + status);
            }
            if (status.equals("processing") && holder != null && !holder.equals(agentId) && registry.isAlive(holder)) {
                throw new ApiException(409, "task_held", "task " + taskId + " is being processed by live agent " + holder);
            }
            if (status.equals("processing") && agentId.equals(holder)) {
                return row;
            }
            if (attempts >= maxAttempts) {
                Postgres.prepare(c, "UPDATE tasks SET status = 'dead_lettered', error = coalesce(error, '') || "
                        + "' attempts exhausted', completed_at = now() WHERE id = ?", taskId).executeUpdate();
                row.put("status", "dead_lettered");
                return row;
            }
            Postgres.prepare(c, "UPDATE tasks SET status = 'processing', agent_id = ?, attempts = attempts + 1, "
                    + "started_at = coalesce(started_at, now()) WHERE id = ?", agentId, taskId).executeUpdate();
            row.put("attempts", attempts + 1);
            row.put("previous_agent", holder);
            return row;
        });
        Object previous = task.get("previous_agent");
        if (previous != null && !agentId.equals(previous)) {
            events.publish((UUID) task.get("customer_id"), "task_reassigned", "orchestrator", Map.of("task_id",
                    taskId.toString(), "from_agent", previous.toString(), "to_agent", agentId.toString()));
        }
        if ("dead_lettered".equals(task.get("status"))) {
            deadLettered(task, "attempts exhausted after " + task.get("attempts"));
            throw new ApiException(410, "dead_lettered", "task " + taskId + " ran out of attempts: dead-lettered");
        }
        Map<String, Object> claimed = new LinkedHashMap<>();
        claimed.put("task_id", taskId.toString());
        claimed.put("customer_id", task.get("customer_id").toString());
        claimed.put("agent_type", task.get("agent_type"));
        claimed.put("analysis_type", task.get("analysis_type"));
        claimed.put("parameters", Json.read((String) task.get("parameters")));
        claimed.put("attempt", task.get("attempts"));
        return claimed;
    }

    public Map<String, Object> complete(UUID taskId, UUID agentId, Complete request) {
        // the whole body is checked before the task row changes: a refusal must leave the task as it was
        List<RecommendationInput> inputs = request.recommendations() == null ? List.of() : request.recommendations();
        for (RecommendationInput input : inputs) {
            if (input == null) {
                throw ApiException.badRequest("recommendations[] must not contain null");
            }
            input.validate();
        }
        requireRegistered(agentId);
        if (!inputs.isEmpty()) {
            requireKnownResources(customerOf(taskId), inputs);
        }
        Map<String, Object> task = pg.inTransaction(c -> {
            Map<String, Object> row = lock(c, taskId);
            if ("completed".equals(row.get("status"))) {
                row.put("duplicate", true);
                return row;
            }
            if ("dead_lettered".equals(row.get("status"))) {
                throw new ApiException(409, "task_done", "task " + taskId + " was dead-lettered");
            }
            Postgres.prepare(c, "UPDATE tasks SET status = 'completed', completed_by = ?, agent_id = ?, result = ?::jsonb, "
                    + "error = NULL, completed_at = now() WHERE id = ?", agentId, agentId,
                    Json.write(request.result() == null ? Map.of() : request.result()), taskId).executeUpdate();
            // what the task found commits with its completion: never a completed task without its recommendations
            row.put("filed", recommendations.insert(c, (UUID) row.get("customer_id"), taskId,
                    (String) row.get("agent_type"), inputs));
            row.put("duplicate", false);
            return row;
        });
        UUID customerId = (UUID) task.get("customer_id");
        if (Boolean.TRUE.equals(task.get("duplicate"))) {
            List<Object> existing = pg.query("SELECT id FROM recommendations WHERE task_id = ?", taskId).stream()
                    .map(r -> r.get("id")).toList();
            return Map.of("completed", true, "duplicate", true, "recommendation_ids", existing);
        }
        @SuppressWarnings("unchecked")
        List<RecommendationService.Filed> filed = (List<RecommendationService.Filed>) task.get("filed");
        recommendations.announce(customerId, (String) task.get("agent_type"), filed);
        List<UUID> ids = filed.stream().map(RecommendationService.Filed::id).toList();
        events.publish(customerId, "task_completed", task.get("agent_type") + "-agent", Map.of("task_id",
                taskId.toString(), "analysis_type", task.get("analysis_type"), "recommendations", ids.size()));
        finishAnalysisIfDone((UUID) task.get("analysis_id"), customerId);
        return Map.of("completed", true, "duplicate", false, "recommendation_ids", ids);
    }

    public Map<String, Object> fail(UUID taskId, UUID agentId, Fail request) {
        boolean permanent = Boolean.TRUE.equals(request.permanent());
        String error = request.error() == null ? "unspecified" : request.error();
        requireRegistered(agentId);
        Map<String, Object> task = pg.inTransaction(c -> {
            Map<String, Object> row = lock(c, taskId);
            String status = (String) row.get("status");
            if (status.equals("completed") || status.equals("dead_lettered")) {
                return row;
            }
            // only the agent that holds the task may hand it back: anyone else would re-queue a task that runs
            if (!agentId.equals(row.get("agent_id"))) {
                throw new ApiException(409, "not_holder", "task " + taskId + " is not held by agent " + agentId);
            }
            boolean dead = permanent || (Integer) row.get("attempts") >= maxAttempts;
            Postgres.prepare(c, "UPDATE tasks SET status = ?, error = ?, completed_at = "
                    + "CASE WHEN ? THEN now() END WHERE id = ?", dead ? "dead_lettered" : "queued", error, dead, taskId)
                    .executeUpdate();
            row.put("status", dead ? "dead_lettered" : "queued");
            row.put("newly_dead", dead);
            return row;
        });
        if (Boolean.TRUE.equals(task.get("newly_dead"))) {
            deadLettered(task, error);
        }
        return Map.of("status", task.get("status"));
    }

    public Map<String, Object> view(UUID taskId) {
        return pg.queryOne("SELECT id AS task_id, analysis_id, customer_id, agent_type, analysis_type, "
                + "parameters::text AS parameters, status, attempts, agent_id, completed_by, error, result::text AS result, "
                + "created_at, started_at, completed_at FROM tasks WHERE id = ?", taskId)
                .map(row -> {
                    Map<String, Object> view = new LinkedHashMap<>(row);
                    view.put("parameters", Json.read((String) row.get("parameters")));
                    view.put("result", row.get("result") == null ? null : Json.read((String) row.get("result")));
                    return view;
                })
                .orElseThrow(() -> ApiException.notFound("task " + taskId + " does not exist"));
    }

    private void deadLettered(Map<String, Object> task, String reason) {
        UUID taskId = (UUID) task.get("id");
        queue.deadLetter(taskId, (String) task.get("agent_type"), reason, (Integer) task.get("attempts"));
        UUID customerId = (UUID) task.get("customer_id");
        events.publish(customerId, "task_dead_lettered", "orchestrator", Map.of("task_id", taskId.toString(),
                "reason", reason));
        finishAnalysisIfDone((UUID) task.get("analysis_id"), customerId);
    }

    private void finishAnalysisIfDone(UUID analysisId, UUID customerId) {
        if (analysisId == null) {
            return;
        }
        int updated = pg.update("UPDATE analyses SET status = CASE WHEN EXISTS (SELECT 1 FROM tasks WHERE analysis_id = ? "
                + "AND status = 'completed') THEN 'completed' ELSE 'failed' END, completed_at = now() WHERE id = ? AND "
                + "status = 'started' AND NOT EXISTS (SELECT 1 FROM tasks WHERE analysis_id = ? AND status IN "
                + "('queued', 'processing'))", analysisId, analysisId, analysisId);
        if (updated > 0) {
            events.publish(customerId, "analysis_completed", "orchestrator", Map.of("analysis_id", analysisId.toString()));
        }
    }

    private UUID customerOf(UUID taskId) {
        return (UUID) pg.queryOne("SELECT customer_id FROM tasks WHERE id = ?", taskId)
                .orElseThrow(() -> ApiException.notFound("task " + taskId + " does not exist")).get("customer_id");
    }

    /**
     * Every affected resource, and every details.deployment_id, names an instance or deployment of the task's own
     * customer (another tenant's ids included, they are unknown here): 404 otherwise, as for any unknown id. Checked
     * before the duplicate answer too, so a repeated complete is held to the same body. An agent that read the
     * inventory just before a snapshot removed an instance gets the 404, leaves the entry pending and recomputes.
     */
    private void requireKnownResources(UUID customerId, List<RecommendationInput> inputs) {
        Set<String> instances = new HashSet<>();
        Set<String> deployments = new HashSet<>();
        pg.query("SELECT instance_id AS id, 'instance' AS kind FROM instances WHERE customer_id = ? UNION ALL "
                + "SELECT deployment_id, 'deployment' FROM vllm_deployments WHERE customer_id = ?", customerId, customerId)
                .forEach(r -> ("instance".equals(r.get("kind")) ? instances : deployments).add((String) r.get("id")));
        for (int i = 0; i < inputs.size(); i++) {
            RecommendationInput input = inputs.get(i);
            for (String resource : input.resources()) {
                if (!instances.contains(resource) && !deployments.contains(resource)) {
                    throw ApiException.notFound("recommendations[" + i + "].affected_resources[] names " + resource
                            + ", which is no instance or deployment of customer " + customerId);
                }
            }
            Object deployment = input.details() == null ? null : input.details().get("deployment_id");
            if (deployment != null && !deployments.contains(deployment)) {
                throw ApiException.notFound("recommendations[" + i + "].details.deployment_id names " + deployment
                        + ", which is no deployment of customer " + customerId);
            }
        }
    }

    private void requireRegistered(UUID agentId) {
        if (!registry.isRegistered(agentId)) {
            // 409, not 404: an agent treats a 404 claim as "no such task" and would drop the entry
            throw new ApiException(409, "agent_not_registered", "agent " + agentId + " is not registered");
        }
    }

    private static Map<String, Object> lock(Connection c, UUID taskId) throws SQLException {
        try (ResultSet rs = Postgres.prepare(c, "SELECT id, analysis_id, customer_id, agent_type, analysis_type, "
                + "parameters::text AS parameters, status, attempts, agent_id FROM tasks WHERE id = ? FOR UPDATE", taskId)
                .executeQuery()) {
            List<Map<String, Object>> rows = Postgres.rows(rs);
            if (rows.isEmpty()) {
                throw ApiException.notFound("task " + taskId + " does not exist");
            }
            return new LinkedHashMap<>(rows.get(0));
        }
    }
}
