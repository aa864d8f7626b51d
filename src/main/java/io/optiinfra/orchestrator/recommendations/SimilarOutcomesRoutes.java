package io.optiinfra.orchestrator.recommendations;

import io.optiinfra.common.web.Access;
import io.optiinfra.common.web.Web;
import io.optiinfra.orchestrator.auth.Authenticator;
import io.optiinfra.orchestrator.http.RouteTable;
import io.optiinfra.orchestrator.learning.LearningService;

import java.util.Map;

/**
 * GET /recommendations/{id}/similar-outcomes: past optimizations most like this recommendation (any customer,
 * anonymised). A route of recommendations that asks learning, so learning never needs to know recommendations.
 */
public final class SimilarOutcomesRoutes {
    private SimilarOutcomesRoutes() {}

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
