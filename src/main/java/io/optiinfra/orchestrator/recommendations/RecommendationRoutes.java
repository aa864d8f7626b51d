package io.optiinfra.orchestrator.recommendations;

import io.optiinfra.common.web.Access;
import io.optiinfra.common.web.Web;
import io.optiinfra.orchestrator.auth.Authenticator;
import io.optiinfra.orchestrator.auth.Principal;
import io.optiinfra.orchestrator.customers.CustomerRoutes;
import io.optiinfra.orchestrator.http.RouteTable;

import java.util.Map;

/** Customers read recommendations; agents read them and post validations. */
public final class RecommendationRoutes {
    private RecommendationRoutes() {}

    public static void register(RouteTable routes, CustomerRoutes customers, RecommendationService recommendations) {
        routes.get("/customers/{id}/recommendations", Access.USER, ctx -> ctx.json(recommendations.list(
                customers.requireCustomerId(ctx), ctx.queryParam("status"), ctx.queryParam("type"))));
        routes.get("/recommendations/{recId}", Access.USER, ctx -> {
            Recommendation rec = recommendations.require(Web.uuidParam(ctx, "recId"));
            Authenticator.requireTenant(ctx, rec.customerId());
            ctx.json(rec);
        });
        routes.get("/orchestrator/recommendations/{recId}", Access.AGENT, ctx -> {
            Authenticator.requireKind(ctx, Principal.Kind.PLATFORM_AGENT);
            ctx.json(recommendations.require(Web.uuidParam(ctx, "recId")));
        });
        routes.post("/orchestrator/recommendations/{recId}/validations", Access.AGENT, ctx -> {
            Authenticator.requireKind(ctx, Principal.Kind.PLATFORM_AGENT);
            recommendations.addValidation(Web.uuidParam(ctx, "recId"),
                    Web.body(ctx, RecommendationService.ValidationInput.class));
            ctx.json(Map.of("recorded", true));
        });
    }
}
