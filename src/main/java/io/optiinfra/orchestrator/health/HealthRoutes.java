package io.optiinfra.orchestrator.health;

import io.optiinfra.common.web.Access;
import io.optiinfra.orchestrator.http.RouteTable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * GET /health: per-store status; 503 naming the component when any store is down. Every probe is bounded (a frozen
 * store must not hang the health check) and a probe that throws counts as down, never as a 500.
 */
public final class HealthRoutes {
    /** A store that does not answer within this is down, as far as health is concerned. */
    static final long PROBE_TIMEOUT_MS = 2_000;
    private static final java.util.concurrent.ExecutorService PROBES = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "health-probe");
        t.setDaemon(true);
        return t;
    });

    private HealthRoutes() {}

    public static void register(RouteTable routes, Map<String, BooleanSupplier> stores,
                                Supplier<Map<String, Integer>> activeAgentsByType) {
        Map<String, BooleanSupplier> bounded = new LinkedHashMap<>();
        stores.forEach((name, probe) -> bounded.put(name, () -> bounded(probe::getAsBoolean, false)));
        routes.get("/health", Access.OPEN, ctx -> {
            Map<String, Integer> agents = bounded(activeAgentsByType, null);
            HealthReport report = agents == null ? HealthReport.of(bounded, -1) : HealthReport.of(bounded, agents);
            ctx.status(report.healthy() ? 200 : 503).json(report.body());
        });
    }

    /** The probe's answer, or {@code fallback} when it throws or takes longer than {@link #PROBE_TIMEOUT_MS}. */
    static <T> T bounded(java.util.function.Supplier<T> probe, T fallback) {
        java.util.concurrent.Future<T> answer = PROBES.submit(probe::get);
        try {
            return answer.get(PROBE_TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            answer.cancel(true);
            return fallback;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fallback;
        }
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
            agents.put("active", activeAgents < 0 ? "unknown" : activeAgents);
            if (activeByType != null) {
                agents.put("by_type", activeByType);
            }
            components.put("agents", agents);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", healthy ? "healthy" : "unhealthy");
            body.put("components", components);
            List<String> down = components.entrySet().stream().filter(e -> "down".equals(e.getValue()))
                    .map(Map.Entry::getKey).toList();
            if (!down.isEmpty()) {
                body.put("down", down);
            }
            return new HealthReport(healthy, body);
        }
    }
}
