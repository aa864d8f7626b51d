package io.optiinfra.portal;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.optiinfra.portal.view.RecommendationView;
import io.optiinfra.portal.view.ResolutionView;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Recommendations (validations, approve / reject) and conflicts (resolution, strategy, execution). */
final class RecommendationPages {
    private final Portal portal;

    RecommendationPages(Portal portal) {
        this.portal = portal;
    }

    void register(Javalin app) {
        app.get("/customers/{customerId}/recommendations", ctx -> {
            Session session = Portal.requireOwn(ctx);
            portal.page(ctx, session, "recommendations.jte", "Recommendations", "recommendations", null,
                    Map.of("recommendations", list(session)));
        });
        app.get("/customers/{customerId}/recommendations/live", ctx -> portal.render(ctx,
                "recommendation-list.jte", Map.of("recommendations", list(Portal.requireOwn(ctx)))));
        app.get("/recommendations/{recId}", ctx -> {
            Session session = Session.require(ctx);
            RecommendationView rec = RecommendationView.from(portal.api().get(session.token(),
                    "/recommendations/" + ctx.pathParam("recId")));
            portal.page(ctx, session, "recommendation.jte", rec.title(), "recommendations", null, Map.of("rec", rec));
        });
        app.post("/recommendations/{recId}/approve", ctx -> {
            Session session = Session.require(ctx);
            JsonNode answer = portal.api().post(session.token(), "/recommendations/" + ctx.pathParam("recId")
                    + "/approve", null);
            ctx.redirect("/optimizations/" + answer.path("optimization_id").asText(), HttpStatus.SEE_OTHER);
        });
        app.post("/recommendations/{recId}/reject", ctx -> {
            Session session = Session.require(ctx);
            portal.api().post(session.token(), "/recommendations/" + ctx.pathParam("recId") + "/reject", null);
            ctx.redirect("/customers/" + session.customerId() + "/recommendations", HttpStatus.SEE_OTHER);
        });
        app.get("/customers/{customerId}/conflicts", ctx -> conflicts(ctx, Portal.requireOwn(ctx), null, null));
        app.post("/customers/{customerId}/conflicts", this::resolve);
        app.post("/customers/{customerId}/conflicts/execute", ctx -> {
            Session session = Portal.requireOwn(ctx);
            JsonNode answer = portal.api().post(session.token(), "/orchestrator/execute-resolution",
                    Map.of("resolution_id", String.valueOf(ctx.formParam("resolution_id"))));
            ctx.redirect("/optimizations/" + answer.path("optimization_id").asText(), HttpStatus.SEE_OTHER);
        });
    }

    private List<RecommendationView> list(Session session) {
        List<RecommendationView> views = new ArrayList<>();
        portal.api().get(session.token(), "/customers/" + session.customerId() + "/recommendations")
                .forEach(r -> views.add(RecommendationView.from(r)));
        return views;
    }

    private void conflicts(Context ctx, Session session, String message, JsonNode resolution) {
        List<RecommendationView> pending = list(session).stream().filter(r -> "pending".equals(r.status())).toList();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("pending", pending);
        params.put("resolution", resolution == null ? null : ResolutionView.from(resolution, pending));
        portal.page(ctx, session, "conflicts.jte", "Conflicts", "conflicts", message, params);
    }

    private void resolve(Context ctx) {
        Session session = Portal.requireOwn(ctx);
        try {
            JsonNode resolution = portal.api().post(session.token(), "/orchestrator/resolve-conflict", Map.of(
                    "customer_id", session.customerId(), "recommendation_ids", ctx.formParams("recommendation_id")));
            conflicts(ctx, session, null, resolution);
        } catch (ApiError e) {
            if (e.status() == 401 || e.status() == 403) {
                throw e;
            }
            ctx.status(e.status() >= 500 ? 502 : e.status());
            conflicts(ctx, session, "Could not resolve: " + e.getMessage(), null);
        }
    }
}
