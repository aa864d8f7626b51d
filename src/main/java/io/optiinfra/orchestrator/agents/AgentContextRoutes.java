package io.optiinfra.orchestrator.agents;

import io.javalin.http.Context;
import io.optiinfra.common.ApiException;
import io.optiinfra.common.web.Access;
import io.optiinfra.common.web.Web;
import io.optiinfra.orchestrator.auth.Authenticator;
import io.optiinfra.orchestrator.auth.Principal;
import io.optiinfra.orchestrator.http.RouteTable;
import io.optiinfra.orchestrator.infrastructure.InfrastructureService;
import io.optiinfra.store.Postgres;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What agents read through the orchestrator (they never touch PostgreSQL): customer context and quality baselines. */
public final class AgentContextRoutes {
    public record BaselineInput(Double baseline, Integer samples) {}

    private AgentContextRoutes() {}

    public static void register(RouteTable routes, Postgres pg, InfrastructureService infrastructure) {
        routes.get("/orchestrator/customers/{id}/context", Access.AGENT, ctx -> {
            UUID customerId = customer(ctx, pg);
            Map<String, Object> customer = pg.queryOne("SELECT id, plan, priority_order FROM customers WHERE id = ?",
                    customerId).orElseThrow();
            ctx.json(Map.of("customer", customer, "infrastructure", infrastructure.get(customerId)));
        });
        routes.get("/orchestrator/baselines/{id}", Access.AGENT, ctx -> ctx.json(baselines(pg, customer(ctx, pg))));
        routes.put("/orchestrator/baselines/{id}/{deploymentId}", Access.AGENT, ctx -> {
            UUID customerId = customer(ctx, pg);
            BaselineInput input = Web.body(ctx, BaselineInput.class);
            if (input.baseline() == null || input.baseline() <= 0 || input.baseline() > 1
                    || input.samples() == null || input.samples() < 1) {
                throw ApiException.badRequest("baseline must be within (0, 1] and samples >= 1");
            }
            String deployment = Web.requireText(ctx.pathParam("deploymentId"), "deployment_id", 200);
            // a baseline is what the rollout gates of this deployment compare with: one for a deployment the
            // customer does not have (or another tenant's) would be stored and never read
            if (pg.queryOne("SELECT 1 FROM vllm_deployments WHERE customer_id = ? AND deployment_id = ?", customerId,
                    deployment).isEmpty()) {
                throw ApiException.notFound("deployment " + deployment + " is not in the inventory of customer "
                        + customerId);
            }
            pg.update("INSERT INTO quality_baselines (customer_id, deployment_id, baseline, samples) VALUES (?, ?, ?, ?) "
                    + "ON CONFLICT (customer_id, deployment_id) DO UPDATE SET baseline = EXCLUDED.baseline, "
                    + "samples = EXCLUDED.samples, established_at = now()", customerId, deployment, input.baseline(),
                    input.samples());
            ctx.json(Map.of("established", true));
        });
    }

    public static List<Map<String, Object>> baselines(Postgres pg, UUID customerId) {
        return pg.query("SELECT deployment_id, baseline, samples, established_at FROM quality_baselines "
                + "WHERE customer_id = ? ORDER BY deployment_id", customerId);
    }

    private static UUID customer(Context ctx, Postgres pg) {
        Authenticator.requireKind(ctx, Principal.Kind.PLATFORM_AGENT);
        UUID id = Web.uuidParam(ctx, "id");
        if (pg.queryOne("SELECT 1 FROM customers WHERE id = ?", id).isEmpty()) {
            throw ApiException.notFound("customer " + id + " does not exist");
        }
        return id;
    }
}
