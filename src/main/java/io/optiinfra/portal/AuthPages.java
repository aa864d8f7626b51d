package io.optiinfra.portal;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.optiinfra.portal.view.Page;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sign up, log in, log out. The token the API issues becomes the session cookie. */
final class AuthPages {
    private static final List<String> PLANS = List.of("free", "pro", "enterprise");
    private final Portal portal;

    AuthPages(Portal portal) {
        this.portal = portal;
    }

    void register(Javalin app) {
        app.get("/", ctx -> ctx.redirect(Session.from(ctx)
                .map(s -> "/customers/" + s.customerId() + "/dashboard").orElse("/login")));
        app.get("/login", ctx -> login(ctx, ctx.queryParam("expired") != null
                ? "Your session has expired. Please log in again." : null, ""));
        app.post("/login", this::doLogin);
        app.get("/signup", ctx -> signup(ctx, null, Map.of()));
        app.post("/signup", this::doSignup);
        app.post("/logout", ctx -> {
            Session.clear(ctx);
            ctx.redirect("/login", HttpStatus.SEE_OTHER);
        });
    }

    private void login(Context ctx, String message, String email) {
        portal.render(ctx, "login.jte", Map.of("page", Page.anonymous("Log in", message), "email", email));
    }

    private void signup(Context ctx, String message, Map<String, String> form) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("page", Page.anonymous("Sign up", message));
        params.put("email", form.getOrDefault("email", ""));
        params.put("companyName", form.getOrDefault("company_name", ""));
        params.put("plan", form.getOrDefault("plan", "pro"));
        params.put("plans", PLANS);
        portal.render(ctx, "signup.jte", params);
    }

    private void doLogin(Context ctx) {
        String email = text(ctx.formParam("email"));
        try {
            String token = logIn(email, text(ctx.formParam("password")));
            Session session = Session.from(token).orElseThrow(() ->
                    new ApiError(403, "forbidden", "This account has no customer portal."));
            Session.store(ctx, token);
            ctx.redirect("/customers/" + session.customerId() + "/dashboard", HttpStatus.SEE_OTHER);
        } catch (ApiError e) {
            ctx.status(e.status() == 429 ? 429 : 401);
            login(ctx, e.status() == 429 ? "Too many failed attempts: " + e.getMessage()
                    : "Log in failed: " + e.getMessage(), email);
        }
    }

    private void doSignup(Context ctx) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String field : List.of("email", "company_name", "plan")) {
            form.put(field, text(ctx.formParam(field)));
        }
        try {
            Map<String, Object> body = new LinkedHashMap<>(form);
            body.put("password", text(ctx.formParam("password")));
            portal.api().post(null, "/auth/signup", body);
            String token = logIn(form.get("email"), text(ctx.formParam("password")));
            Session session = Session.from(token).orElseThrow();
            Session.store(ctx, token);
            ctx.redirect("/customers/" + session.customerId() + "/onboarding", HttpStatus.SEE_OTHER);
        } catch (ApiError e) {
            ctx.status(e.status() >= 500 ? 502 : e.status());
            signup(ctx, "Sign up failed: " + e.getMessage(), form);
        }
    }

    private String logIn(String email, String password) {
        JsonNode answer = portal.api().post(null, "/auth/login", Map.of("username", email, "password", password));
        return answer.path("access_token").asText();
    }

    private static String text(String value) {
        return value == null ? "" : value.trim();
    }
}
