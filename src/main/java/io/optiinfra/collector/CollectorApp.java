package io.optiinfra.collector;

import io.javalin.Javalin;
import io.optiinfra.common.Config;
import io.optiinfra.common.client.CloudSimClient;
import io.optiinfra.common.client.OrchestratorClient;
import io.optiinfra.common.web.Web;
import io.optiinfra.store.ClickHouseMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The collector process (the customer-side agent runtime): discovery and telemetry on a fixed-rate loop, plus a
 * {@code GET /health} endpoint. Config: {@code http.port} (0 = any), {@code telemetry.interval.ms},
 * {@code time.scale}, {@code orchestrator.url}, {@code service.token}, {@code cloudsim.url}, {@code ch.url}.
 */
public final class CollectorApp {
    private static final Logger LOG = LoggerFactory.getLogger(CollectorApp.class);

    private final Javalin web;
    private final ScheduledExecutorService loop;
    private final Collector collector;

    private CollectorApp(Javalin web, ScheduledExecutorService loop, Collector collector) {
        this.web = web;
        this.loop = loop;
        this.collector = collector;
    }

    public static CollectorApp start() {
        ClickHouseMetrics metrics = ClickHouseMetrics.fromConfig();
        try {
            metrics.createSchema(); // idempotent; the collector may come up before the orchestrator
        } catch (RuntimeException e) {
            LOG.warn("cannot create the ClickHouse schema yet ({}); inserts will retry every tick", e.getMessage());
        }
        Collector collector = new Collector(OrchestratorClient.forServices(), CloudSimClient.fromConfig(),
                metrics::insert, Clock.systemUTC(), Config.getDouble("time.scale", 60),
                Config.getInt("inventory.refresh.ticks", 4));
        return start(collector, Config.getInt("http.port", 0), Config.getInt("telemetry.interval.ms", 1000));
    }

    /** Starts the health endpoint and the loop around an already built collector (tests pass their own). */
    /**
     * Ticks on a fixed grid (start + k × interval). A tick that overruns skips the slots it missed instead of being
     * followed by catch-up runs back to back, so telemetry keeps its cadence rather than arriving in bursts.
     */
    static void scheduleOnGrid(ScheduledExecutorService loop, Runnable tick, long intervalMs) {
        long start = System.nanoTime();
        long interval = TimeUnit.MILLISECONDS.toNanos(intervalMs);
        Runnable[] next = new Runnable[1];
        next[0] = () -> {
            try {
                tick.run();
            } finally {
                if (!loop.isShutdown()) {
                    loop.schedule(next[0], nextDelay(start, System.nanoTime(), interval), TimeUnit.NANOSECONDS);
                }
            }
        };
        loop.schedule(next[0], 0, TimeUnit.NANOSECONDS);
    }

    /** Nanoseconds from {@code now} to the next grid slot strictly after it. */
    static long nextDelay(long start, long now, long interval) {
        long slot = (now - start) / interval + 1;
        return start + slot * interval - now;
    }

    public static CollectorApp start(Collector collector, int port, int intervalMs) {
        Javalin web = Web.server();
        web.get("/health", ctx -> {
            Map<String, Object> health = new LinkedHashMap<>();
            health.put("status", "ok");
            health.put("connected_customers", collector.connectedCustomers());
            health.put("last_tick_at", collector.lastTickAt());
            ctx.json(health);
        });
        web.start(Config.get("http.host", "127.0.0.1"), port);
        ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "collector-tick");
            thread.setDaemon(true);
            return thread;
        });
        // Fixed rate on one thread: a slow tick delays the next one instead of overlapping it.
        scheduleOnGrid(loop, collector::tick, Math.max(1, intervalMs));
        LOG.info("collector listening on {}, ticking every {} ms", web.port(), intervalMs);
        return new CollectorApp(web, loop, collector);
    }

    public int port() {
        return web.port();
    }

    public Collector collector() {
        return collector;
    }

    /** Lets a running tick finish (so its batch is not cut off mid-way), then stops the server. */
    public void stop() {
        loop.shutdown();
        try {
            if (!loop.awaitTermination(15, TimeUnit.SECONDS)) {
                loop.shutdownNow();
            }
        } catch (InterruptedException e) {
            loop.shutdownNow();
            Thread.currentThread().interrupt();
        }
        web.stop();
    }
}
