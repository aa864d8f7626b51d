package io.optiinfra.agents.runtime;

import io.optiinfra.common.client.JsonHttp;
import io.optiinfra.common.client.JsonHttp.CallFailed;
import io.optiinfra.common.client.JsonHttp.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/** Registers the agent with the orchestrator, retrying every 250 ms until it answers; again after a 404 heartbeat. */
public final class Registrar implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Registrar.class);
    static final String VERSION = "1.0.0";
    private static final long RETRY_MS = 250;

    private final JsonHttp orchestrator;
    private final AgentIdentity identity;
    private final Map<String, Object> body;
    private final AtomicBoolean registering = new AtomicBoolean();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> daemon(r, "agent-register"));
    private volatile boolean closed;

    public Registrar(JsonHttp orchestrator, AgentIdentity identity, String agentType, List<String> capabilities,
                     String hostname) {
        this.orchestrator = orchestrator;
        this.identity = identity;
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("agent_type", agentType);
        b.put("version", VERSION);
        b.put("capabilities", capabilities);
        b.put("hostname", hostname);
        this.body = Map.copyOf(b);
    }

    public void start() {
        trigger();
    }

    /** The orchestrator no longer knows {@code staleId}: register again (once, however many callers notice). */
    public void reRegister(String staleId) {
        if (identity.invalidate(staleId)) {
            LOG.warn("orchestrator does not know agent {} any more; registering again", staleId);
            trigger();
        }
    }

    private void trigger() {
        if (!closed && registering.compareAndSet(false, true)) {
            executor.execute(this::loop);
        }
    }

    private void loop() {
        int attempts = 0;
        try {
            while (!closed && !identity.registered()) {
                attempts++;
                try {
                    Reply reply = orchestrator.post("/orchestrator/agents/register", body);
                    if (reply.ok() && reply.body().hasNonNull("agent_id")) {
                        identity.set(reply.body().get("agent_id").asText());
                        LOG.info("registered as {} agent {}", body.get("agent_type"), identity.current());
                        return;
                    }
                    logRetry(attempts, "answered " + reply.status() + ": " + reply.body());
                } catch (CallFailed e) {
                    logRetry(attempts, e.getMessage());
                }
                Thread.sleep(RETRY_MS); // documented retry back-off
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            registering.set(false);
            if (!closed && !identity.registered()) {
                trigger(); // an invalidation raced with the end of this loop
            }
        }
    }

    private static void logRetry(int attempts, String why) {
        if (attempts == 1 || attempts % 40 == 0) {
            LOG.info("registration attempt {} failed ({}); retrying every {} ms", attempts, why, RETRY_MS);
        }
    }

    static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
    }
}
