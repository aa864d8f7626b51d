package io.optiinfra.e2e.support.perf;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;

/**
 * How fast this machine answers right now: the median latency of the orchestrator's cheapest route ({@code GET
 * /health}) under a light open-model load, measured just before a performance test measures. Figures are compared
 * with the previous run's relative to it, so a busier machine (a CPU hog, a parallel build) is not reported as a
 * platform regression, while a route that got slower on the same machine still is.
 */
public final class MachineReference {
    private static final int RATE_PER_SECOND = 100;
    private static final Duration DURATION = Duration.ofSeconds(1);
    /** Below this the median is timer noise: a reference never counts as faster than 0.5 ms. */
    private static final double FLOOR_MS = 0.5;

    private MachineReference() {}

    /** The median of {@code GET /health} in ms (at least {@link #FLOOR_MS}). */
    public static double measure(String orchestratorUrl) {
        OpenModelLoad.Route health = new OpenModelLoad.Route("GET /health",
                () -> HttpRequest.newBuilder(URI.create(orchestratorUrl + "/health")).GET().build(), 200);
        LatencyFigures figures = new OpenModelLoad().run("machine reference", List.of(health), RATE_PER_SECOND, DURATION)
                .all();
        if (figures.errors() > 0) {
            throw new AssertionError("machine reference: GET /health failed during the measurement: " + figures);
        }
        return Math.max(FLOOR_MS, figures.p50());
    }
}
