package io.optiinfra.orchestrator.agents;

import io.optiinfra.common.ApiException;
import io.optiinfra.common.web.Web;
import io.optiinfra.orchestrator.events.EventBus;
import io.optiinfra.store.Postgres;
import io.optiinfra.store.RedisStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.params.SetParams;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * The agent registry: registration and history in PostgreSQL, liveness in Redis (a key per agent whose TTL is the
 * offline window). {@link #reap()} turns agents whose key expired offline and hands their tasks back to the queue.
 */
public final class AgentRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(AgentRegistry.class);
    public static final Set<String> AGENT_TYPES = Set.of("cost", "performance", "resource", "application");
    private static final Set<String> HEARTBEAT_STATUSES = Set.of("active", "degraded");

    public record Registration(String agent_type, String version, List<String> capabilities, String hostname) {}
    public record Heartbeat(String status, Integer current_tasks, Double load) {}

    private final Postgres pg;
    private final RedisStore redis;
    private final EventBus events;
    private final Duration offlineAfter;
    private final Function<String, Set<String>> capabilitiesOf;

    /** {@code capabilitiesOf}: the analysis types an agent type may announce (the task routing's, passed in so this
     * package does not depend on the tasks package, which depends on it). */
    public AgentRegistry(Postgres pg, RedisStore redis, EventBus events, Duration offlineAfter,
                         Function<String, Set<String>> capabilitiesOf) {
        this.pg = pg;
        this.redis = redis;
        this.events = events;
        this.offlineAfter = offlineAfter;
        this.capabilitiesOf = capabilitiesOf;
    }

    public static String livenessKey(UUID agentId) {
        return "optiinfra:agent:alive:" + agentId;
    }

    public UUID register(Registration request) {
        String type = Web.requireText(request.agent_type(), "agent_type", 32);
        if (!AGENT_TYPES.contains(type)) {
            throw ApiException.badRequest("agent_type must be one of " + AGENT_TYPES);
        }
        String version = Web.requireText(request.version(), "version", 64);
        String hostname = Web.requireText(request.hostname(), "hostname", 255);
        List<String> capabilities = request.capabilities() == null ? List.of() : request.capabilities();
        if (capabilities.contains(null)) {
            throw ApiException.badRequest("capabilities[] must not contain null");
        }
        if (new HashSet<>(capabilities).size() != capabilities.size()) {
            throw ApiException.badRequest("capabilities[] lists an analysis type twice");
        }
        // an agent announcing another agent type's work would be listed for tasks its stream never carries
        Set<String> own = capabilitiesOf.apply(type);
        for (String capability : capabilities) {
            if (!own.contains(capability)) {
                throw ApiException.badRequest("capability " + capability + " is not an analysis type of " + type
                        + " agents " + new TreeSet<>(own));
            }
        }
        UUID id = UUID.randomUUID();
        markAlive(id, "active"); // before the row: the reaper must never see an agent row without its liveness key
        pg.update("INSERT INTO agents (id, agent_type, version, capabilities, hostname, status) VALUES (?, ?, ?, ?, ?, 'active')",
                id, type, version, capabilities.toArray(String[]::new), hostname);
        events.publish(null, "agent_registered", "orchestrator", Map.of("agent_id", id.toString(), "agent_type", type,
                "hostname", hostname));
        return id;
    }

    public String heartbeat(UUID agentId, Heartbeat beat) {
        String status = beat.status() == null ? "active" : beat.status();
        if (!HEARTBEAT_STATUSES.contains(status)) {
            throw ApiException.badRequest("status must be one of " + HEARTBEAT_STATUSES);
        }
        int tasks = beat.current_tasks() == null ? 0 : beat.current_tasks();
        double load = beat.load() == null ? 0 : beat.load();
        if (tasks < 0 || load < 0 || !Double.isFinite(load)) {
            throw ApiException.badRequest("current_tasks and load must be finite and not negative");
        }
        if (pg.queryOne("SELECT 1 FROM agents WHERE id = ?", agentId).isEmpty()) {
            throw ApiException.notFound("agent " + agentId + " is not registered");
        }
        markAlive(agentId, status); // first, so the reaper cannot mark a beating agent offline in between
        pg.update("UPDATE agents SET status = ?, current_tasks = ?, load = ?, last_heartbeat = now(), "
                + "offline_at = NULL WHERE id = ?", status, tasks, load, agentId);
        pg.update("INSERT INTO agent_heartbeats (agent_id, status, current_tasks, load) VALUES (?, ?, ?, ?)",
                agentId, status, tasks, load);
        return status;
    }

    public List<Map<String, Object>> list() {
        return pg.query("SELECT id AS agent_id, agent_type, version, capabilities, hostname, status, current_tasks, load, "
                + "registered_at, last_heartbeat, offline_at FROM agents ORDER BY agent_type, registered_at");
    }

    public boolean isRegistered(UUID agentId) {
        return pg.queryOne("SELECT 1 FROM agents WHERE id = ?", agentId).isPresent();
    }

    public boolean isAlive(UUID agentId) {
        return redis.client().exists(livenessKey(agentId));
    }

    public int activeCount() {
        return ((Number) pg.queryOne("SELECT count(*) AS n FROM agents WHERE status <> 'offline'").orElseThrow()
                .get("n")).intValue();
    }

    /** Agents not offline, counted per agent type (for GET /health), sorted by type. */
    public Map<String, Integer> activeByType() {
        Map<String, Integer> byType = new java.util.TreeMap<>();
        for (Map<String, Object> row : pg.query("SELECT agent_type, count(*) AS n FROM agents WHERE status <> 'offline' "
                + "GROUP BY agent_type")) {
            byType.put((String) row.get("agent_type"), ((Number) row.get("n")).intValue());
        }
        return byType;
    }

    /** Marks agents whose liveness key expired offline and re-queues the tasks they were processing. */
    public void reap() {
        for (Map<String, Object> agent : pg.query("SELECT id, agent_type FROM agents WHERE status <> 'offline'")) {
            UUID id = (UUID) agent.get("id");
            if (isAlive(id)) {
                continue;
            }
            int changed = pg.update("UPDATE agents SET status = 'offline', offline_at = now() WHERE id = ? "
                    + "AND status <> 'offline'", id);
            if (changed == 0) {
                continue;
            }
            // agent_id stays as the last holder, so the next claim can record the hand-over
            List<Map<String, Object>> requeued = pg.query("UPDATE tasks SET status = 'queued' "
                    + "WHERE agent_id = ? AND status = 'processing' RETURNING id, customer_id", id);
            LOG.warn("agent {} ({}) missed its heartbeats: offline, {} task(s) re-queued", id, agent.get("agent_type"),
                    requeued.size());
            events.publish(null, "agent_offline", "orchestrator", Map.of("agent_id", id.toString(),
                    "agent_type", agent.get("agent_type"), "requeued_tasks", requeued.size()));
            for (Map<String, Object> task : requeued) {
                events.publish((UUID) task.get("customer_id"), "task_requeued", "orchestrator",
                        Map.of("task_id", task.get("id").toString(), "offline_agent_id", id.toString()));
            }
        }
    }

    private void markAlive(UUID agentId, String status) {
        redis.client().set(livenessKey(agentId), status, new SetParams().px(offlineAfter.toMillis()));
    }
}
