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
        StreamEntryID entry = redis.client().xadd(TaskStreams.stream(agentType), StreamEntryID.NEW_ENTRY,
                Map.of("task_id", taskId.toString(), "customer_id", customerId.toString(), "analysis_type", analysisType));
        pg.update("UPDATE tasks SET stream_id = ? WHERE id = ?", entry.toString(), taskId);
        return taskId;
    }

    public void deadLetter(UUID taskId, String agentType, String reason, int attempts) {
        redis.client().xadd(TaskStreams.DEAD_LETTER, StreamEntryID.NEW_ENTRY, Map.of("task_id", taskId.toString(),
                "agent_type", agentType, "reason", reason == null ? "unknown" : reason,
                "attempts", String.valueOf(attempts)));
    }
}
