package io.optiinfra.orchestrator.dashboard;

import io.optiinfra.common.Config;
import io.optiinfra.common.web.Access;
import io.optiinfra.orchestrator.customers.CustomerRoutes;
import io.optiinfra.orchestrator.http.RouteTable;
import io.optiinfra.orchestrator.recommendations.Recommendation;
import io.optiinfra.orchestrator.recommendations.RecommendationService;
import io.optiinfra.store.ClickHouseMetrics;
import io.optiinfra.store.Postgres;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * GET /portal/customers/{id}/dashboard: spend as measured (latest account monthly_cost in ClickHouse, {@link LatestSpend}), savings still on
 * the table (pending recommendations), savings realised (completed optimizations), and what is running.
 */
public final class DashboardRoutes {
    private DashboardRoutes() {}

    public static void register(RouteTable routes, CustomerRoutes customers, Postgres pg, ClickHouseMetrics metrics,
                                RecommendationService recommendations) {
        LatestSpend spend = new LatestSpend(metrics, Config.getMillis("dashboard.spend.max.age.ms", 200));
        routes.get("/portal/customers/{id}/dashboard", Access.USER, ctx -> {
            UUID customerId = customers.requireCustomerId(ctx);
            List<Recommendation> pending = recommendations.list(customerId, "pending", null);
            Map<String, Object> dashboard = new LinkedHashMap<>();
            dashboard.put("current_spend", spend.of(customerId));
            dashboard.put("potential_savings", pending.stream()
                    .mapToDouble(Recommendation::estimatedSavings).sum());
            dashboard.put("realized_savings", ((Number) pg.queryOne("SELECT coalesce(sum((result->>'actual_savings')"
                    + "::double precision), 0) AS s FROM optimizations WHERE customer_id = ? AND status = 'completed'",
                    customerId).orElseThrow().get("s")).doubleValue());
            dashboard.put("recommendations", pending);
            dashboard.put("active_optimizations", pg.query("SELECT id, kind, status, progress, started_at FROM "
                    + "optimizations WHERE customer_id = ? AND status IN ('running', 'rolling_back') ORDER BY started_at",
                    customerId));
            ctx.json(dashboard);
        });
    }
}
