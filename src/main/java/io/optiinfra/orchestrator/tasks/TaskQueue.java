package io.optiinfra.orchestrator.tasks;

import io.optiinfra.common.Json;
import io.optiinfra.orchestrator.agents.AgentRegistry;
import io.optiinfra.store.Postgres;
import io.optiinfra.store.RedisStore;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;

import java.util.Map;
import java.util.UUID;

/** Creates tasks: the authoritative row in PostgreSQL, then an entry on the agent type's Redis stream. */
public final class TaskQueue {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TaskQueue.class);
    /** When this orchestrator last put each task on a stream (monotonic nanos), so a sweep does not flood it. */
    private final Map<UUID, Long> delivered = new java.util.concurrent.ConcurrentHashMap<>();
    private final Postgres pg;
    private final RedisStore redis;

    public TaskQueue(Postgres pg, RedisStore redis) {
        this.pg = pg;
        this.redis = redis;
    }

    /** Creates every stream and consumer group up front, so tasks queued before an agent starts are not missed. */
    public void createStreams() {
        for (String type : AgentRegistry.AGENT_TYPES) {
            try {
                redis.client().xgroupCreate(TaskStreams.stream(type), TaskStreams.group(type), new StreamEntryID(0, 0), true);
            } catch (JedisDataException e) {
                if (!e.getMessage().contains("BUSYGROUP")) {
                    throw e;
                }
            }
        }
    }

    public UUID enqueue(UUID customerId, UUID analysisId, String agentType, String analysisType, Map<String, ?> parameters) {
        UUID taskId = UUID.randomUUID();
        pg.update("INSERT INTO tasks (id, analysis_id, customer_id, agent_type, analysis_type, parameters, status) "
                + "VALUES (?, ?, ?, ?, ?, ?::jsonb, 'queued')", taskId, analysisId, customerId, agentType, analysisType,
                Json.write(parameters == null ? Map.of() : parameters));
        deliver(taskId, customerId, agentType, analysisType);
        return taskId;
    }

    /**
     * Puts a task's entry on its stream. The PostgreSQL row is the task; the entry is only its delivery, so a failed
     * stream write (Redis down) is left to {@link #redeliverStranded} rather than failing the caller.
     */
    private void deliver(UUID taskId, UUID customerId, String agentType, String analysisType) {
        try {
            StreamEntryID entry = redis.client().xadd(TaskStreams.stream(agentType), StreamEntryID.NEW_ENTRY,
                    Map.of("task_id", taskId.toString(), "customer_id", customerId.toString(), "analysis_type", analysisType));
            delivered.put(taskId, System.nanoTime());
            pg.update("UPDATE tasks SET stream_id = ? WHERE id = ?", entry.toString(), taskId);
        } catch (RuntimeException e) {
            LOG.warn("task {} stored but not yet on its stream ({}); it will be redelivered", taskId, e.getMessage());
        }
    }

    /**
     * Redelivers tasks still {@code queued} after {@code stranded}: their stream entry was never written, or was lost
     * with a Redis restart (streams live in memory), or a re-queued task's pending entry went with its group. A
     * duplicate entry is harmless: claims are decided by the PostgreSQL row. Returns how many were redelivered.
     */
    public int redeliverStranded(java.time.Duration stranded) {
        long now = System.nanoTime();
        delivered.values().removeIf(at -> now - at > 10 * stranded.toNanos());
        int count = 0;
        for (Map<String, Object> task : pg.query("SELECT id, customer_id, agent_type, analysis_type FROM tasks "
                + "WHERE status = 'queued' AND created_at < now() - make_interval(secs => ?)", stranded.toMillis() / 1000.0)) {
            UUID id = (UUID) task.get("id");
            Long last = delivered.get(id);
            if (last != null && now - last < stranded.toNanos()) {
                continue;
            }
            LOG.info("redelivering task {} (queued for over {} ms)", id, stranded.toMillis());
            deliver(id, (UUID) task.get("customer_id"), (String) task.get("agent_type"), (String) task.get("analysis_type"));
            count++;
        }
        return count;
    }

    public void deadLetter(UUID taskId, String agentType, String reason, int attempts) {
        redis.client().xadd(TaskStreams.DEAD_LETTER, StreamEntryID.NEW_ENTRY, Map.of("task_id", taskId.toString(),
                "agent_type", agentType, "reason", reason == null ? "unknown" : reason,
                "attempts", String.valueOf(attempts)));
    }
}
