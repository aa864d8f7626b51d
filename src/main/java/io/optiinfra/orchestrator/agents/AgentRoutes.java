package io.optiinfra.orchestrator.agents;

import io.optiinfra.common.web.Access;
import io.optiinfra.common.web.Web;
import io.optiinfra.orchestrator.auth.Authenticator;
import io.optiinfra.orchestrator.auth.Principal;
import io.optiinfra.orchestrator.http.RouteTable;

import java.util.Map;

/** Agent registration, heartbeats (platform agent token) and the registry view (any logged-in user). */
public final class AgentRoutes {
    private AgentRoutes() {}

    public static void register(RouteTable routes, AgentRegistry registry) {
        routes.post("/orchestrator/agents/register", Access.AGENT, ctx -> {
            Authenticator.requireKind(ctx, Principal.Kind.PLATFORM_AGENT);
            var id = registry.register(Web.body(ctx, AgentRegistry.Registration.class));
            ctx.json(Map.of("registered", true, "agent_id", id));
        });
        routes.post("/orchestrator/agents/{agentId}/heartbeat", Access.AGENT, ctx -> {
            Authenticator.requireKind(ctx, Principal.Kind.PLATFORM_AGENT);
            String status = registry.heartbeat(Web.uuidParam(ctx, "agentId"), Web.body(ctx, AgentRegistry.Heartbeat.class));
            ctx.json(Map.of("status", status));
        });
        routes.get("/orchestrator/agents", Access.USER, ctx -> ctx.json(registry.list()));
    }
}
