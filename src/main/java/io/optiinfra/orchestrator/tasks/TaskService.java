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

    /** What a claim transaction decided; {@code previousAgent} is the holder it took the task from, if any. */
    private record Claimed(TaskRow task, UUID previousAgent) {}
    /** What a complete transaction decided; {@code filed} is empty for a duplicate. */
    private record Completed(TaskRow task, boolean duplicate, List<RecommendationService.Filed> filed) {}
    /** What a fail transaction decided; {@code newlyDead} when this failure dead-lettered the task. */
    private record Failed(TaskRow task, boolean newlyDead) {}

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
        Claimed claim = pg.inTransaction(c -> {
            TaskRow row = lock(c, taskId);
            String status = row.status();
            UUID holder = row.agentId();
            int attempts = row.attempts();
            if (status.equals("completed") || status.equals("dead_lettered") || status.equals("failed")) {
                throw new ApiException(409, "task_done", "task " + taskId + " is already " + status);
            }
            if (status.equals("processing") && holder != null && !holder.equals(agentId) && registry.isAlive(holder)) {
                throw new ApiException(409, "task_held", "task " + taskId + " is being processed by live agent " + holder);
            }
            if (status.equals("processing") && agentId.equals(holder)) {
                return new Claimed(row, null);
            }
            if (attempts >= maxAttempts) {
                Postgres.prepare(c, "UPDATE tasks SET status = 'dead_lettered', error = coalesce(error, '') || "
                        + "' attempts exhausted', completed_at = now() WHERE id = ?", taskId).executeUpdate();
                return new Claimed(row.with("dead_lettered", attempts), null);
            }
            Postgres.prepare(c, "UPDATE tasks SET status = 'processing', agent_id = ?, attempts = attempts + 1, "
                    + "started_at = coalesce(started_at, now()) WHERE id = ?", agentId, taskId).executeUpdate();
            return new Claimed(row.with(status, attempts + 1), holder);
        });
        TaskRow task = claim.task();
        UUID previous = claim.previousAgent();
        if (previous != null && !agentId.equals(previous)) {
            events.publish(task.customerId(), "task_reassigned", "orchestrator", Map.of("task_id",
                    taskId.toString(), "from_agent", previous.toString(), "to_agent", agentId.toString()));
        }
        if ("dead_lettered".equals(task.status())) {
            deadLettered(task, "attempts exhausted after " + task.attempts());
            throw new ApiException(410, "dead_lettered", "task " + taskId + " ran out of attempts: dead-lettered");
        }
        Map<String, Object> claimed = new LinkedHashMap<>();
        claimed.put("task_id", taskId.toString());
        claimed.put("customer_id", task.customerId().toString());
        claimed.put("agent_type", task.agentType());
        claimed.put("analysis_type", task.analysisType());
        claimed.put("parameters", Json.read(task.parameters()));
        claimed.put("attempt", task.attempts());
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
        Completed completion = pg.inTransaction(c -> {
            TaskRow row = lock(c, taskId);
            if ("completed".equals(row.status())) {
                return new Completed(row, true, List.of());
            }
            if ("dead_lettered".equals(row.status())) {
                throw new ApiException(409, "task_done", "task " + taskId + " was dead-lettered");
            }
            Postgres.prepare(c, "UPDATE tasks SET status = 'completed', completed_by = ?, agent_id = ?, result = ?::jsonb, "
                    + "error = NULL, completed_at = now() WHERE id = ?", agentId, agentId,
                    Json.write(request.result() == null ? Map.of() : request.result()), taskId).executeUpdate();
            // what the task found commits with its completion: never a completed task without its recommendations
            return new Completed(row, false, recommendations.insert(c, row.customerId(), taskId, row.agentType(),
                    inputs));
        });
        TaskRow task = completion.task();
        UUID customerId = task.customerId();
        if (completion.duplicate()) {
            List<Object> existing = pg.query("SELECT id FROM recommendations WHERE task_id = ?", taskId).stream()
                    .map(r -> r.get("id")).toList();
            return Map.of("completed", true, "duplicate", true, "recommendation_ids", existing);
        }
        List<RecommendationService.Filed> filed = completion.filed();
        recommendations.announce(customerId, task.agentType(), filed);
        List<UUID> ids = filed.stream().map(RecommendationService.Filed::id).toList();
        events.publish(customerId, "task_completed", task.agentType() + "-agent", Map.of("task_id",
                taskId.toString(), "analysis_type", task.analysisType(), "recommendations", ids.size()));
        finishAnalysisIfDone(task.analysisId(), customerId);
        return Map.of("completed", true, "duplicate", false, "recommendation_ids", ids);
    }

    public Map<String, Object> fail(UUID taskId, UUID agentId, Fail request) {
        boolean permanent = Boolean.TRUE.equals(request.permanent());
        String error = request.error() == null ? "unspecified" : request.error();
        requireRegistered(agentId);
        Failed failure = pg.inTransaction(c -> {
            TaskRow row = lock(c, taskId);
            String status = row.status();
            if (status.equals("completed") || status.equals("dead_lettered")) {
                return new Failed(row, false);
            }
            // only the agent that holds the task may hand it back: anyone else would re-queue a task that runs
            if (!agentId.equals(row.agentId())) {
                throw new ApiException(409, "not_holder", "task " + taskId + " is not held by agent " + agentId);
            }
            boolean dead = permanent || row.attempts() >= maxAttempts;
            Postgres.prepare(c, "UPDATE tasks SET status = ?, error = ?, completed_at = "
                    + "CASE WHEN ? THEN now() END WHERE id = ?", dead ? "dead_lettered" : "queued", error, dead, taskId)
                    .executeUpdate();
            return new Failed(row.with(dead ? "dead_lettered" : "queued", row.attempts()), dead);
        });
        if (failure.newlyDead()) {
            deadLettered(failure.task(), error);
        }
        return Map.of("status", failure.task().status());
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

    private void deadLettered(TaskRow task, String reason) {
        UUID taskId = task.id();
        queue.deadLetter(taskId, task.agentType(), reason, task.attempts());
        UUID customerId = task.customerId();
        events.publish(customerId, "task_dead_lettered", "orchestrator", Map.of("task_id", taskId.toString(),
                "reason", reason));
        finishAnalysisIfDone(task.analysisId(), customerId);
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

    private static TaskRow lock(Connection c, UUID taskId) throws SQLException {
        try (ResultSet rs = Postgres.prepare(c, "SELECT id, analysis_id, customer_id, agent_type, analysis_type, "
                + "parameters::text AS parameters, status, attempts, agent_id FROM tasks WHERE id = ? FOR UPDATE", taskId)
                .executeQuery()) {
            List<Map<String, Object>> rows = Postgres.rows(rs);
            if (rows.isEmpty()) {
                throw ApiException.notFound("task " + taskId + " does not exist");
            }
            return TaskRow.of(rows.get(0));
        }
    }
}
