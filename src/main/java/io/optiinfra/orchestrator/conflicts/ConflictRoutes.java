package io.optiinfra.orchestrator.conflicts;

import io.optiinfra.common.ApiException;
import io.optiinfra.common.web.Access;
import io.optiinfra.common.web.Web;
import io.optiinfra.orchestrator.auth.Authenticator;
import io.optiinfra.orchestrator.customers.CustomerRoutes;
import io.optiinfra.orchestrator.http.RouteTable;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** POST /orchestrator/resolve-conflict and POST /orchestrator/execute-resolution. */
public final class ConflictRoutes {
    public record ResolveRequest(String customer_id, List<String> recommendation_ids) {}
    public record ExecuteRequest(String resolution_id) {}

    private ConflictRoutes() {}

    public static void register(RouteTable routes, CustomerRoutes customers, ConflictService conflicts) {
        routes.post("/orchestrator/resolve-conflict", Access.USER, ctx -> {
            ResolveRequest request = Web.body(ctx, ResolveRequest.class);
            UUID customerId = uuid(request.customer_id(), "customer_id");
            customers.requireExisting(ctx, customerId);
            List<UUID> ids = request.recommendation_ids() == null ? null
                    : request.recommendation_ids().stream().map(id -> uuid(id, "recommendation_ids[]")).toList();
            ctx.json(conflicts.resolve(customerId, ids));
        });
        routes.post("/orchestrator/execute-resolution", Access.USER, ctx -> {
            UUID resolutionId = uuid(Web.body(ctx, ExecuteRequest.class).resolution_id(), "resolution_id");
            UUID optimizationId = conflicts.execute(resolutionId, customer -> Authenticator.requireTenant(ctx, customer));
            ctx.json(Map.of("optimization_id", optimizationId));
        });
    }

    private static UUID uuid(String raw, String field) {
        try {
            return UUID.fromString(Web.requireText(raw, field, 64));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(field + " must be a UUID");
        }
    }
}
