package io.optiinfra.portal;

import com.auth0.jwt.JWT;
import com.auth0.jwt.exceptions.JWTDecodeException;
import io.javalin.http.Context;

import java.util.Optional;

/**
 * A signed-in browser: the orchestrator's access token, kept in an HttpOnly, SameSite=Strict cookie. The portal holds
 * no session state of its own; the token's customer claim only picks the pages' customer — the orchestrator verifies
 * the token (signature, expiry, tenant) on every call, and its 401 sends the browser back to the login page.
 */
public record Session(String token, String customerId) {
    public static final String COOKIE = "optiinfra_session";

    public static Optional<Session> from(String cookieValue) {
        if (cookieValue == null || cookieValue.isBlank()) {
            return Optional.empty();
        }
        try {
            String customer = JWT.decode(cookieValue).getClaim("customer_id").asString();
            return customer == null ? Optional.empty() : Optional.of(new Session(cookieValue, customer));
        } catch (JWTDecodeException e) {
            return Optional.empty();
        }
    }

    public static Optional<Session> from(Context ctx) {
        return from(ctx.cookie(COOKIE));
    }

    /** The signed-in session, or a redirect to the login page. */
    public static Session require(Context ctx) {
        return from(ctx).orElseThrow(() -> new ApiError(401, "unauthorized", "Please log in."));
    }

    public static void store(Context ctx, String token) {
        ctx.header("Set-Cookie", COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
    }

    public static void clear(Context ctx) {
        ctx.header("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
    }
}
