package io.optiinfra.orchestrator.infrastructure;

import io.optiinfra.common.web.Access;
import io.optiinfra.common.web.Web;
import io.optiinfra.orchestrator.customers.CustomerRoutes;
import io.optiinfra.orchestrator.http.RouteTable;

import java.util.Map;

/** GET /customers/{id}/infrastructure; PUT /internal/customers/{id}/infrastructure (collector, service token). */
public final class InfrastructureRoutes {
    private InfrastructureRoutes() {}

    public static void register(RouteTable routes, CustomerRoutes customers, InfrastructureService infrastructure) {
        routes.get("/customers/{id}/infrastructure", Access.USER,
                ctx -> ctx.json(infrastructure.get(customers.requireCustomerId(ctx))));
        routes.put("/internal/customers/{id}/infrastructure", Access.SERVICE, ctx -> {
            var customerId = customers.requireCustomerId(ctx);
            infrastructure.replace(customerId, Web.body(ctx, InfrastructureService.InfrastructureUpdate.class));
            ctx.json(Map.of("updated", true));
        });
    }
}
