package io.optiinfra.agents.runtime;

import io.optiinfra.common.client.JsonHttp;
import io.optiinfra.common.client.JsonHttp.CallFailed;
import io.optiinfra.common.client.JsonHttp.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Heartbeats every {@code agent.heartbeat.ms}; a 404 means the orchestrator forgot us, so register again. */
public final class Heartbeats implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Heartbeats.class);

    private final JsonHttp orchestrator;
    private final AgentIdentity identity;
    private final Registrar registrar;
    private final RuntimeStats stats;
    private final long periodMs;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(r -> Registrar.daemon(r, "agent-heartbeat"));

    public Heartbeats(JsonHttp orchestrator, AgentIdentity identity, Registrar registrar, RuntimeStats stats,
                      long periodMs) {
        this.orchestrator = orchestrator;
        this.identity = identity;
        this.registrar = registrar;
        this.stats = stats;
        this.periodMs = Math.max(50, periodMs);
    }

    public void start() {
        timer.scheduleAtFixedRate(this::beat, 0, periodMs, TimeUnit.MILLISECONDS);
    }

    private void beat() {
        String id = identity.current();
        if (id == null) {
            return;
        }
        try {
            Reply reply = orchestrator.post("/orchestrator/agents/" + id + "/heartbeat", stats.heartbeat());
            if (reply.status() == 404) {
                registrar.reRegister(id);
            } else if (!reply.ok()) {
                LOG.warn("heartbeat of {} answered {}: {}", id, reply.status(), reply.body());
            }
        } catch (CallFailed e) {
            LOG.debug("heartbeat failed: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("heartbeat failed", e); // never let the timer die
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
