package io.optiinfra.orchestrator.onboarding;

import io.optiinfra.common.web.Access;
import io.optiinfra.common.web.Web;
import io.optiinfra.orchestrator.auth.Authenticator;
import io.optiinfra.orchestrator.auth.Principal;
import io.optiinfra.orchestrator.customers.CustomerRoutes;
import io.optiinfra.orchestrator.http.RouteTable;

import java.util.Map;

/** POST /customers/{id}/onboard, GET /customers/{id}/agent-install-command, POST /agent-runtime/connect. */
public final class OnboardingRoutes {
    private OnboardingRoutes() {}

    public static void register(RouteTable routes, CustomerRoutes customers, OnboardingService onboarding) {
        routes.post("/customers/{id}/onboard", Access.USER, ctx -> {
            onboarding.onboard(customers.requireCustomerId(ctx), Web.body(ctx, OnboardingService.OnboardRequest.class));
            ctx.status(202).json(Map.of("status", "started"));
        });
        routes.get("/customers/{id}/agent-install-command", Access.USER,
                ctx -> ctx.json(onboarding.installCommand(customers.requireCustomerId(ctx))));
        routes.post("/agent-runtime/connect", Access.AGENT, ctx -> {
            Principal runtime = Authenticator.requireKind(ctx, Principal.Kind.CUSTOMER_RUNTIME);
            onboarding.connect(runtime.customerId(), Web.body(ctx, OnboardingService.ConnectRequest.class));
            ctx.json(Map.of("connected", true));
        });
        routes.get("/internal/runtime/connections", Access.SERVICE, ctx -> ctx.json(onboarding.connections()));
    }
}
