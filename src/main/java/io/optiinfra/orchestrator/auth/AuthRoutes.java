package io.optiinfra.orchestrator.auth;

import io.optiinfra.common.web.Access;
import io.optiinfra.common.web.Web;
import io.optiinfra.orchestrator.http.RouteTable;

import java.util.Map;

/** POST /auth/signup, POST /auth/login. */
public final class AuthRoutes {
    private AuthRoutes() {}

    public static void register(RouteTable routes, AuthService auth) {
        routes.post("/auth/signup", Access.OPEN, ctx -> {
            var customerId = auth.signup(Web.body(ctx, AuthService.SignupRequest.class));
            ctx.status(201).json(Map.of("success", true, "customer_id", customerId));
        });
        routes.post("/auth/login", Access.OPEN, ctx -> {
            try {
                ctx.json(auth.login(Web.body(ctx, AuthService.LoginRequest.class)));
            } catch (LoginRateLimiter.RateLimitedException e) {
                ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
                throw e;
            }
        });
    }
}
