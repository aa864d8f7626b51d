package io.optiinfra.portal;

import io.javalin.Javalin;
import io.optiinfra.portal.view.OptimizationView;

import java.util.Map;

/** An optimization's rollout page; its steps fragment is re-rendered on every live event. */
final class OptimizationPages {
    private final Portal portal;

    OptimizationPages(Portal portal) {
        this.portal = portal;
    }

    void register(Javalin app) {
        app.get("/optimizations/{optId}", ctx -> {
            Session session = Session.require(ctx);
            OptimizationView optimization = view(session, ctx.pathParam("optId"));
            portal.page(ctx, session, "optimization.jte", "Optimization " + optimization.kind(), "dashboard", null,
                    Map.of("opt", optimization));
        });
        app.get("/optimizations/{optId}/live", ctx -> portal.render(ctx, "optimization-steps.jte",
                Map.of("opt", view(Session.require(ctx), ctx.pathParam("optId")))));
    }

    private OptimizationView view(Session session, String id) {
        return OptimizationView.from(portal.api().get(session.token(), "/optimizations/" + id));
    }
}
