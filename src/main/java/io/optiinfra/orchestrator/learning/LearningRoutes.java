package io.optiinfra.orchestrator.learning;

import io.optiinfra.common.web.Access;
import io.optiinfra.common.web.Web;
import io.optiinfra.orchestrator.RouteTable;
import io.optiinfra.orchestrator.auth.Authenticator;
import io.optiinfra.orchestrator.recommendations.Recommendation;
import io.optiinfra.orchestrator.recommendations.RecommendationService;

import java.util.Map;

/** GET /recommendations/{id}/similar-outcomes: past optimizations most like this recommendation (any customer, anonymised). */
public final class LearningRoutes {
    private LearningRoutes() {}

    public static void register(RouteTable routes, RecommendationService recommendations, LearningService learning) {
        routes.get("/recommendations/{recId}/similar-outcomes", Access.USER, ctx -> {
            Recommendation rec = recommendations.require(Web.uuidParam(ctx, "recId"));
            Authenticator.requireTenant(ctx, rec.customerId());
            Map<?, ?> learned = (Map<?, ?>) rec.details().get("learning");
            double base = learned == null ? rec.confidence() : ((Number) learned.get("base_confidence")).doubleValue();
            Float[] features = LearningService.features(rec.estimatedSavings(), rec.affectedResources().size(),
                    rec.riskLevel(), base);
            ctx.json(learning.similar(rec.type(), features, 10));
        });
    }
}
