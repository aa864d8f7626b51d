package io.optiinfra.orchestrator.tasks;

import io.javalin.http.Context;
import io.optiinfra.common.ApiException;
import io.optiinfra.common.web.Access;
import io.optiinfra.common.web.Web;
import io.optiinfra.orchestrator.auth.Authenticator;
import io.optiinfra.orchestrator.auth.Principal;
import io.optiinfra.orchestrator.customers.CustomerRoutes;
import io.optiinfra.orchestrator.http.RouteTable;

import java.util.Map;
import java.util.UUID;

/** Analysis requests (customers) and the task lifecycle (agents). */
public final class TaskRoutes {
    public record AnalyzeRequest(String agent_type) {}
    public record RouteRequest(String customer_id, String analysis_type, Map<String, Object> parameters) {}
    public record AgentRef(String agent_id) {}

    private TaskRoutes() {}

    public static void register(RouteTable routes, CustomerRoutes customers, AnalysisService analyses, TaskService tasks) {
        routes.post("/customers/{id}/analyze", Access.USER, ctx -> {
            UUID customerId = customers.requireCustomerId(ctx);
            String agentType = ctx.body().isBlank() ? null : Web.body(ctx, AnalyzeRequest.class).agent_type();
            ctx.status(202).json(Map.of("status", "started", "analysis_id", analyses.startAnalysis(customerId, agentType)));
        });
        routes.get("/customers/{id}/analyses/{analysisId}", Access.USER, ctx ->
                ctx.json(analyses.analysis(customers.requireCustomerId(ctx), Web.uuidParam(ctx, "analysisId"))));
        routes.post("/orchestrator/analyze", Access.USER, ctx -> {
            RouteRequest request = Web.body(ctx, RouteRequest.class);
            UUID customerId = customerOf(request.customer_id());
            customers.requireExisting(ctx, customerId);
            ctx.json(analyses.route(customerId, request.analysis_type(), request.parameters()));
        });
        routes.get("/orchestrator/tasks/{taskId}", Access.USER, ctx -> {
            Map<String, Object> task = tasks.view(Web.uuidParam(ctx, "taskId"));
            Authenticator.requireTenant(ctx, (UUID) task.get("customer_id"));
            ctx.json(task);
        });

        routes.post("/orchestrator/tasks/{taskId}/claim", Access.AGENT, ctx ->
                ctx.json(tasks.claim(Web.uuidParam(ctx, "taskId"), agentId(ctx, Web.body(ctx, AgentRef.class).agent_id()))));
        routes.post("/orchestrator/tasks/{taskId}/complete", Access.AGENT, ctx -> {
            TaskService.Complete request = Web.body(ctx, TaskService.Complete.class);
            ctx.json(tasks.complete(Web.uuidParam(ctx, "taskId"), agentId(ctx, request.agent_id()), request));
        });
        routes.post("/orchestrator/tasks/{taskId}/fail", Access.AGENT, ctx -> {
            TaskService.Fail request = Web.body(ctx, TaskService.Fail.class);
            ctx.json(tasks.fail(Web.uuidParam(ctx, "taskId"), agentId(ctx, request.agent_id()), request));
        });
    }

    private static UUID customerOf(String raw) {
        try {
            return UUID.fromString(Web.requireText(raw, "customer_id", 64));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("customer_id must be a UUID");
        }
    }

    private static UUID agentId(Context ctx, String raw) {
        Authenticator.requireKind(ctx, Principal.Kind.PLATFORM_AGENT);
        try {
            return UUID.fromString(Web.requireText(raw, "agent_id", 64));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("agent_id must be a UUID");
        }
    }

}
