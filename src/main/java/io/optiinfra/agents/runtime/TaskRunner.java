package io.optiinfra.agents.runtime;

import io.optiinfra.common.client.JsonHttp;
import io.optiinfra.common.client.JsonHttp.CallFailed;
import io.optiinfra.common.client.JsonHttp.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One stream entry, start to end: claim over HTTP, run the handler, complete or fail. Answers whether the entry
 * must be XACKed. Never throws, so one bad task cannot stop a consumer.
 */
public final class TaskRunner {
    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);
    private static final int MAX_ERROR_CHARS = 500;

    private final JsonHttp orchestrator;
    private final AgentHandler handler;
    private final RuntimeStats stats;
    private final CustomerShare share;

    public TaskRunner(JsonHttp orchestrator, AgentHandler handler, RuntimeStats stats) {
        this(orchestrator, handler, stats, new CustomerShare(Integer.MAX_VALUE));
    }

    public TaskRunner(JsonHttp orchestrator, AgentHandler handler, RuntimeStats stats, CustomerShare share) {
        this.orchestrator = orchestrator;
        this.handler = handler;
        this.stats = stats;
        this.share = share;
    }

    /** @return true when the entry is finished with and must be acknowledged */
    public boolean run(Map<String, String> fields, String agentId) {
        String taskId = fields == null ? null : fields.get("task_id");
        if (taskId == null || taskId.isBlank()) {
            LOG.warn("stream entry without task_id ({}): acknowledging it", fields);
            return true;
        }
        if (!stats.begin(taskId)) {
            return false; // another worker of this agent is on it
        }
        String customerId = fields.get("customer_id");
        if (!share.tryAcquire(customerId)) {
            stats.end(taskId);
            LOG.info("task {}: customer {} already holds its share of this agent's workers; offered again later",
                    taskId, customerId);
            return false;
        }
        try {
            return claimAndRun(taskId, customerId, agentId);
        } catch (RuntimeException e) {
            LOG.error("task {} failed unexpectedly; leaving it pending", taskId, e);
            return false;
        } finally {
            share.release(customerId);
            stats.end(taskId);
        }
    }

    private boolean claimAndRun(String taskId, String entryCustomerId, String agentId) {
        Reply claim;
        try {
            claim = orchestrator.post("/orchestrator/tasks/" + taskId + "/claim", Map.of("agent_id", agentId));
        } catch (CallFailed e) {
            LOG.warn("claim of task {} failed: {}", taskId, e.getMessage());
            return false;
        }
        ClaimAnswer answer = ClaimAnswer.of(claim.status(), claim.body());
        if (answer != ClaimAnswer.RUN) {
            LOG.info("task {}: claim answered {} {} -> {}", taskId, claim.status(), claim.body(), answer);
            return answer == ClaimAnswer.ACK;
        }
        long started = System.currentTimeMillis();
        Task task;
        TaskOutcome outcome;
        try {
            task = ClaimAnswer.task(claim.body(), taskId, entryCustomerId, handler);
            LOG.info("task {} ({} for customer {}, attempt {}) claimed", taskId, task.analysisType(),
                    task.customerId(), task.attempt());
            outcome = handler.handle(task);
        } catch (MalformedTask e) {
            LOG.warn("task {} is malformed: {}", taskId, e.getMessage());
            return fail(taskId, agentId, e.getMessage(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(taskId, agentId, "agent shutting down", false);
            return false;
        } catch (Exception e) {
            LOG.warn("task {} failed; it will be retried", taskId, e);
            fail(taskId, agentId, describe(e), false);
            return false; // the pending entry is the retry: XAUTOCLAIM takes it up again
        }
        if (!hold(started, task.parameters().minDurationMs())) {
            fail(taskId, agentId, "agent shutting down", false);
            return false;
        }
        return complete(taskId, agentId, outcome);
    }

    /** The documented {@code min_duration_ms}: the task lasts at least that long (pacing, failover tests). */
    private static boolean hold(long startedMillis, int minDurationMs) {
        long left = startedMillis + minDurationMs - System.currentTimeMillis();
        if (left <= 0) {
            return true;
        }
        try {
            Thread.sleep(left);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean complete(String taskId, String agentId, TaskOutcome outcome) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agent_id", agentId);
        body.put("recommendations", outcome.recommendations());
        body.put("result", outcome.result());
        try {
            Reply reply = orchestrator.post("/orchestrator/tasks/" + taskId + "/complete", body);
            if (reply.ok()) {
                LOG.info("task {} completed with {} recommendation(s)", taskId, outcome.recommendations().size());
                return true;
            }
            LOG.warn("complete of task {} answered {}: {}", taskId, reply.status(), reply.body());
        } catch (CallFailed e) {
            LOG.warn("complete of task {} failed: {}", taskId, e.getMessage());
        }
        return false; // complete is idempotent: a later retry recomputes and completes
    }

    private boolean fail(String taskId, String agentId, String error, boolean permanent) {
        Map<String, Object> body = Map.of("agent_id", agentId, "error", truncate(error), "permanent", permanent);
        try {
            Reply reply = orchestrator.post("/orchestrator/tasks/" + taskId + "/fail", body);
            if (!reply.ok()) {
                LOG.warn("fail of task {} answered {}: {}", taskId, reply.status(), reply.body());
            }
            return permanent && reply.ok();
        } catch (CallFailed e) {
            LOG.warn("fail of task {} failed: {}", taskId, e.getMessage());
            return false;
        }
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static String truncate(String s) {
        String text = s == null ? "error" : s;
        return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS);
    }
}
