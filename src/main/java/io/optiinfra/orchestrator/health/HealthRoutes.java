package io.optiinfra.orchestrator.health;

import io.optiinfra.common.web.Access;
import io.optiinfra.orchestrator.RouteTable;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** GET /health: per-store status; 503 when any store is down. */
public final class HealthRoutes {
    private HealthRoutes() {}

    public static void register(RouteTable routes, Map<String, BooleanSupplier> stores,
                                Supplier<Map<String, Integer>> activeAgentsByType) {
        routes.get("/health", Access.OPEN, ctx -> {
            HealthReport report = HealthReport.of(stores, activeAgentsByType.get());
            ctx.status(report.healthy() ? 200 : 503).json(report.body());
        });
    }

    /** The health verdict, separate from HTTP so it can be unit-tested. */
    public record HealthReport(boolean healthy, Map<String, Object> body) {
        public static HealthReport of(Map<String, BooleanSupplier> stores, int activeAgents) {
            return of(stores, activeAgents, null);
        }

        /** With the active agents per type, so a missing agent type is visible from outside. */
        public static HealthReport of(Map<String, BooleanSupplier> stores, Map<String, Integer> activeByType) {
            return of(stores, activeByType.values().stream().mapToInt(Integer::intValue).sum(), activeByType);
        }

        private static HealthReport of(Map<String, BooleanSupplier> stores, int activeAgents,
                                       Map<String, Integer> activeByType) {
            Map<String, Object> components = new LinkedHashMap<>();
            boolean healthy = true;
            for (Map.Entry<String, BooleanSupplier> store : stores.entrySet()) {
                boolean up = store.getValue().getAsBoolean();
                healthy &= up;
                components.put(store.getKey(), up ? "up" : "down");
            }
            Map<String, Object> agents = new LinkedHashMap<>();
            agents.put("active", activeAgents);
            if (activeByType != null) {
                agents.put("by_type", activeByType);
            }
            components.put("agents", agents);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", healthy ? "healthy" : "unhealthy");
            body.put("components", components);
            return new HealthReport(healthy, body);
        }
    }
}
