package io.optiinfra.orchestrator.optimizations;

import io.optiinfra.common.client.JsonHttp;
import io.optiinfra.store.ClickHouseMetrics;
import io.optiinfra.store.Postgres;

import java.time.Duration;

/** The parts an {@link OptimizationService} is built from (keeps package-private types out of its signature). */
public record OptimizationWiring(OptimizationStore store, RolloutPlanner planner, Gate gate, JsonHttp cloud) {

    /**
     * @param stageSoak time scale applied: production soaks 5 min at the canary and 10 min at 50 %, divided by the
     *                  simulated seconds per real second
     */
    public static OptimizationWiring of(Postgres pg, ClickHouseMetrics metrics, JsonHttp cloud, double timeScale,
                                        Duration telemetryWait) {
        Duration canary = Duration.ofMillis((long) (5 * 60_000 / timeScale));
        Duration fifty = Duration.ofMillis((long) (10 * 60_000 / timeScale));
        return new OptimizationWiring(new OptimizationStore(pg), new RolloutPlanner(canary, fifty),
                new Gate(metrics, pg, telemetryWait), cloud);
    }
}
