package io.optiinfra.orchestrator.learning;

import io.optiinfra.common.web.Access;
import io.optiinfra.common.web.Web;
import io.optiinfra.orchestrator.RouteTable;
import io.optiinfra.orchestrator.auth.Authenticator;
import io.optiinfra.orchestrator.recommendations.RecommendationService;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** GET /recommendations/{id}/similar-outcomes: past optimizations most like this recommendation (any customer, anonymised). */
public final class LearningRoutes {
    private LearningRoutes() {}

    public static void register(RouteTable routes, RecommendationService recommendations, LearningService learning) {
        routes.get("/recommendations/{recId}/similar-outcomes", Access.USER, ctx -> {
            Map<String, Object> rec = recommendations.require(Web.uuidParam(ctx, "recId"));
            Authenticator.requireTenant(ctx, (UUID) rec.get("customer_id"));
            Map<?, ?> learned = (Map<?, ?>) ((Map<?, ?>) rec.get("details")).get("learning");
            double base = learned == null ? ((Number) rec.get("confidence")).doubleValue()
                    : ((Number) learned.get("base_confidence")).doubleValue();
            Float[] features = LearningService.features(((Number) rec.get("estimated_savings")).doubleValue(),
                    ((List<?>) rec.get("affected_resources")).size(), (String) rec.get("risk_level"), base);
            ctx.json(learning.similar((String) rec.get("type"), features, 10));
        });
    }
}
