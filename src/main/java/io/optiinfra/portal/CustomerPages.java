package io.optiinfra.portal;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.optiinfra.portal.view.DashboardView;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A customer's own pages: onboarding (install command, live discovery), dashboard, settings (priority order). */
final class CustomerPages {
    static final List<String> PARTIES = List.of("customer", "performance", "cost", "resource");
    private final Portal portal;

    CustomerPages(Portal portal) {
        this.portal = portal;
    }

    void register(Javalin app) {
        app.get("/customers/{customerId}/onboarding", this::onboarding);
        app.post("/customers/{customerId}/onboarding", this::onboard);
        app.get("/customers/{customerId}/onboarding/live", ctx -> {
            Session session = Portal.requireOwn(ctx);
            portal.render(ctx, "onboarding-status.jte", Map.of("infra", infrastructure(session),
                    "customerId", session.customerId()));
        });
        app.get("/customers/{customerId}/dashboard", ctx -> {
            Session session = Portal.requireOwn(ctx);
            portal.page(ctx, session, "dashboard.jte", "Dashboard", "dashboard", null,
                    Map.of("dashboard", dashboard(session)));
        });
        app.get("/customers/{customerId}/dashboard/live", ctx -> {
            Session session = Portal.requireOwn(ctx);
            portal.render(ctx, "dashboard-figures.jte", Map.of("dashboard", dashboard(session),
                    "customerId", session.customerId()));
        });
        app.get("/customers/{customerId}/settings", ctx -> settings(ctx, Portal.requireOwn(ctx), null, null));
        app.post("/customers/{customerId}/settings", this::saveSettings);
    }

    private void onboarding(Context ctx) {
        Session session = Portal.requireOwn(ctx);
        JsonNode infra = infrastructure(session);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("infra", infra);
        boolean onboarded = infra.hasNonNull("cloud_provider");
        params.put("installCommand", onboarded ? portal.api().get(session.token(), "/customers/" + session.customerId()
                + "/agent-install-command").path("install_command").asText() : null);
        portal.page(ctx, session, "onboarding.jte", "Onboarding", "onboarding", null, params);
    }

    private void onboard(Context ctx) {
        Session session = Portal.requireOwn(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cloud_provider", ctx.formParam("cloud_provider"));
        body.put("region", ctx.formParam("region"));
        body.put("iam_role_arn", ctx.formParam("iam_role_arn"));
        try {
            portal.api().post(session.token(), "/customers/" + session.customerId() + "/onboard", body);
        } catch (ApiError e) {
            if (e.status() == 401 || e.status() == 403) {
                throw e;
            }
            ctx.status(e.status() >= 500 ? 502 : e.status());
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("infra", infrastructure(session));
            params.put("installCommand", null);
            portal.page(ctx, session, "onboarding.jte", "Onboarding", "onboarding", e.getMessage(), params);
            return;
        }
        ctx.redirect("/customers/" + session.customerId() + "/onboarding", HttpStatus.SEE_OTHER);
    }

    private JsonNode infrastructure(Session session) {
        return portal.api().get(session.token(), "/customers/" + session.customerId() + "/infrastructure");
    }

    private DashboardView dashboard(Session session) {
        String base = "/customers/" + session.customerId();
        // the chart spans the customer's life so far (at least a minute): from sign-up to now, in 60 buckets
        Map<String, String> window = new LinkedHashMap<>();
        window.put("points", "60");
        since(portal.api().get(session.token(), base).path("created_at").asText(""))
                .ifPresent(start -> window.put("start_time", start.toString()));
        return DashboardView.from(portal.api().get(session.token(), "/portal" + base + "/dashboard"),
                portal.api().get(session.token(), base + "/cost-history", window));
    }

    private static java.util.Optional<java.time.Instant> since(String createdAt) {
        try {
            java.time.Instant signup = java.time.OffsetDateTime.parse(createdAt).toInstant();
            java.time.Instant minuteAgo = java.time.Instant.now().minusSeconds(60);
            return java.util.Optional.of(signup.isBefore(minuteAgo) ? signup : minuteAgo);
        } catch (java.time.format.DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    private void settings(Context ctx, Session session, String message, String notice) {
        JsonNode customer = portal.api().get(session.token(), "/customers/" + session.customerId());
        List<String> order = new ArrayList<>();
        customer.path("priority_order").forEach(p -> order.add(p.asText()));
        portal.page(ctx, session, "settings.jte", "Settings", "settings", message,
                Map.of("order", order, "parties", PARTIES, "notice", notice == null ? "" : notice));
    }

    private void saveSettings(Context ctx) {
        Session session = Portal.requireOwn(ctx);
        List<String> order = ctx.formParams("priority");
        try {
            portal.api().put(session.token(), "/customers/" + session.customerId() + "/preferences",
                    Map.of("priority_order", order));
        } catch (ApiError e) {
            if (e.status() == 401 || e.status() == 403) {
                throw e;
            }
            ctx.status(e.status() >= 500 ? 502 : e.status());
            settings(ctx, session, "Could not save the priority order: " + e.getMessage(), null);
            return;
        }
        settings(ctx, session, null, "Priority order saved.");
    }
}
