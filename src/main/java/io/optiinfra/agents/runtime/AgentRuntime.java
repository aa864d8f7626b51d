package io.optiinfra.agents.runtime;

import io.javalin.Javalin;
import io.optiinfra.common.Config;
import io.optiinfra.common.client.JsonHttp;
import io.optiinfra.common.client.OrchestratorClient;
import io.optiinfra.common.web.Web;
import io.optiinfra.store.RedisStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Everything an agent process does besides its analyses: the health endpoint, registration, heartbeats and the
 * task-stream consumer, all driving one {@link AgentHandler}.
 */
public final class AgentRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentRuntime.class);

    private final AgentHandler handler;
    private final AgentIdentity identity = new AgentIdentity();
    private final Javalin web;
    private final RedisStore redis;
    private final Registrar registrar;
    private final Heartbeats heartbeats;
    private final TaskConsumer consumer;
    private final AtomicBoolean closed = new AtomicBoolean();

    private AgentRuntime(AgentHandler handler, String role) {
        this.handler = handler;
        // more workers than cores: most of a task's time is spent waiting on the orchestrator and ClickHouse
        int workers = Config.getInt("agent.workers", 4);
        RuntimeStats stats = new RuntimeStats(workers);
        JsonHttp orchestrator = OrchestratorClient.forAgents();
        this.redis = RedisStore.fromConfig();
        this.registrar = new Registrar(orchestrator, identity, handler.agentType(), handler.capabilities(),
                Config.get("agent.instance", role) + "@" + hostName());
        this.heartbeats = new Heartbeats(orchestrator, identity, registrar, stats,
                Config.getMillis("agent.heartbeat.ms", 500).toMillis());
        this.consumer = new TaskConsumer(redis.client(), handler.agentType(), identity,
                new TaskRunner(orchestrator, handler, stats,
                        new CustomerShare(Config.getInt("agent.customer.share", Math.max(1, workers - 1))))::run, stats, Config.getInt("task.block.ms", 500),
                Config.getMillis("task.claim.idle.ms", 3000).toMillis());
        this.web = Web.server();
        web.get("/health", ctx -> {
            String id = identity.current();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", id == null ? "starting" : "ok");
            body.put("agent_type", handler.agentType());
            body.put("agent_id", id);
            ctx.status(id == null ? 503 : 200).json(body);
        });
        web.start(Config.get("http.host", "127.0.0.1"), Config.getInt("http.port", 0));
        LOG.info("{} agent health on port {}", handler.agentType(), web.port());
        registrar.start();
        heartbeats.start();
        consumer.start(workers);
    }

    /** Starts the agent; it runs until {@link #close()} (or JVM shutdown). */
    public static AgentRuntime start(AgentHandler handler, String role) {
        AgentRuntime runtime = new AgentRuntime(handler, role);
        Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "agent-shutdown"));
        return runtime;
    }

    public int port() {
        return web.port();
    }

    public String agentId() {
        return identity.current();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        consumer.close();
        heartbeats.close();
        registrar.close();
        web.stop();
        redis.close();
        LOG.info("{} agent stopped", handler.agentType());
    }
}
