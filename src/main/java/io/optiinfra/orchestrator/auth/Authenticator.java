package io.optiinfra.orchestrator.auth;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import io.optiinfra.common.ApiException;
import io.optiinfra.common.web.Access;
import io.optiinfra.store.Postgres;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Runs before every matched route: checks the credential its {@link Access} rule asks for. */
public final class Authenticator {
    private static final String PRINCIPAL = "principal";
    private final JwtTokens jwt;
    private final Postgres pg;
    private final String serviceToken;

    public Authenticator(JwtTokens jwt, Postgres pg, String serviceToken) {
        this.jwt = jwt;
        this.pg = pg;
        this.serviceToken = serviceToken;
    }

    public void authenticate(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.isEmpty() || roles.contains(Access.OPEN)) {
            return;
        }
        Principal principal;
        if (roles.contains(Access.SERVICE)) {
            principal = service(ctx);
        } else if (roles.contains(Access.AGENT)) {
            principal = agent(bearer(ctx));
        } else {
            principal = jwt.verify(bearer(ctx));
            if (roles.contains(Access.ADMIN) && !principal.isAdmin()) {
                throw ApiException.forbidden("admin role required");
            }
        }
        ctx.attribute(PRINCIPAL, principal);
    }

    public static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(PRINCIPAL);
        if (principal == null) {
            throw ApiException.unauthorized("authentication required");
        }
        return principal;
    }

    /** 403 unless the caller may act for this customer. */
    public static void requireTenant(Context ctx, UUID customerId) {
        if (!principal(ctx).mayAccess(customerId)) {
            throw ApiException.forbidden("this customer belongs to another tenant");
        }
    }

    /** 403 unless the caller authenticated with a credential of this kind (e.g. a platform agent token). */
    public static Principal requireKind(Context ctx, Principal.Kind kind) {
        Principal principal = principal(ctx);
        if (principal.kind() != kind) {
            throw ApiException.forbidden("this route needs a " + kind.name().toLowerCase() + " credential");
        }
        return principal;
    }

    private static String bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            throw ApiException.unauthorized("a bearer token is required");
        }
        return header.substring(7).trim();
    }

    private Principal service(Context ctx) {
        String presented = ctx.header("X-Service-Token");
        if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                serviceToken.getBytes(StandardCharsets.UTF_8))) {
            throw ApiException.unauthorized("a valid service token is required");
        }
        return new Principal("service", null, Principal.Kind.SERVICE);
    }

    private Principal agent(String token) {
        Map<String, Object> row = pg.queryOne("SELECT customer_id, kind FROM agent_tokens WHERE token = ?", token)
                .orElseThrow(() -> ApiException.unauthorized("unknown agent token"));
        UUID customer = (UUID) row.get("customer_id");
        Principal.Kind kind = "platform_agent".equals(row.get("kind"))
                ? Principal.Kind.PLATFORM_AGENT : Principal.Kind.CUSTOMER_RUNTIME;
        return new Principal(token.substring(0, Math.min(8, token.length())), customer, kind);
    }
}
