package io.optiinfra.orchestrator.optimizations;

import io.optiinfra.common.web.Access;
import io.optiinfra.common.web.Web;
import io.optiinfra.orchestrator.auth.Authenticator;
import io.optiinfra.orchestrator.http.RouteTable;

import java.util.Map;
import java.util.UUID;

/** POST /recommendations/{id}/approve · /reject, GET /optimizations/{id}. */
public final class OptimizationRoutes {
    private OptimizationRoutes() {}

    public static void register(RouteTable routes, OptimizationService optimizations) {
        routes.post("/recommendations/{recId}/approve", Access.USER, ctx -> {
            UUID optimizationId = optimizations.approve(Web.uuidParam(ctx, "recId"),
                    customer -> Authenticator.requireTenant(ctx, customer));
            ctx.json(Map.of("status", "approved", "optimization_id", optimizationId));
        });
        routes.post("/recommendations/{recId}/reject", Access.USER, ctx -> {
            optimizations.reject(Web.uuidParam(ctx, "recId"), customer -> Authenticator.requireTenant(ctx, customer));
            ctx.json(Map.of("status", "rejected"));
        });
        routes.get("/optimizations/{optId}", Access.USER, ctx -> {
            Map<String, Object> view = optimizations.view(Web.uuidParam(ctx, "optId"));
            Authenticator.requireTenant(ctx, (UUID) view.get("customer_id"));
            ctx.json(view);
        });
    }
}
