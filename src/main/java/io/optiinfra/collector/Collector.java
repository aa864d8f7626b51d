package io.optiinfra.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.optiinfra.common.client.CloudSimClient;
import io.optiinfra.common.client.JsonHttp;
import io.optiinfra.store.MetricPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One collector tick: list the connected customers, discover or refresh each one's infrastructure, sample the
 * telemetry of the discovered ones and write it as one batch. Failures are per customer (and per deployment) so
 * one broken account never starves the others.
 */
public final class Collector {
    private static final Logger LOG = LoggerFactory.getLogger(Collector.class);

    private final JsonHttp orchestrator;
    private final CloudSimClient cloud;
    private final Consumer<List<MetricPoint>> sink;
    private final Clock clock;
    private final double timeScale;
    private final Instant startedAt;
    private final Map<String, CustomerState> customers = new ConcurrentHashMap<>();
    // Last failure per source: repeats of the same failure every tick are logged at debug only.
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    // Customers are sampled in parallel so a tick's length does not grow with their number.
    private final ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "collector-customer");
        t.setDaemon(true);
        return t;
    });
    private volatile int connectedCustomers;
    /** The inventory changes rarely; telemetry every tick, inventory every few ticks keeps ticks short. */
    private final int inventoryEveryTicks;
    private long ticks;
    private volatile Instant lastTickAt;

    public Collector(JsonHttp orchestrator, CloudSimClient cloud, Consumer<List<MetricPoint>> sink, Clock clock,
                     double timeScale) {
        this(orchestrator, cloud, sink, clock, timeScale, 1);
    }

    /** @param inventoryEveryTicks refresh the inventory every this many ticks (telemetry goes out every tick) */
    public Collector(JsonHttp orchestrator, CloudSimClient cloud, Consumer<List<MetricPoint>> sink, Clock clock,
                     double timeScale, int inventoryEveryTicks) {
        this.inventoryEveryTicks = Math.max(1, inventoryEveryTicks);
        this.orchestrator = orchestrator;
        this.cloud = cloud;
        this.sink = sink;
        this.clock = clock;
        this.timeScale = timeScale;
        this.startedAt = clock.instant();
    }

    public int connectedCustomers() {
        return connectedCustomers;
    }

    /** The instant of the last tick that ran to its end, or null before the first. */
    public Instant lastTickAt() {
        return lastTickAt;
    }

    /** Runs one tick; never throws, so the scheduler keeps going. */
    public void tick() {
        Instant now = clock.instant();
        try {
            List<Connection> connections;
            try {
                connections = Connection.parseAll(orchestrator.get("/internal/runtime/connections")
                        .require("runtime connections"));
                succeeded("connections");
            } catch (RuntimeException e) {
                failed("connections", "cannot list runtime connections: " + e.getMessage());
                return;
            }
            connectedCustomers = connections.size();
            double simMinutes = TelemetryMapper.simMinutes(startedAt, now, timeScale);
            boolean refreshInventory = ticks++ % inventoryEveryTicks == 0;
            List<Future<List<MetricPoint>>> perCustomer = new ArrayList<>();
            for (Connection c : connections) {
                perCustomer.add(pool.submit(() -> collect(c, now, simMinutes, refreshInventory)));
            }
            List<MetricPoint> batch = new ArrayList<>();
            for (Future<List<MetricPoint>> points : perCustomer) {
                batch.addAll(points.get());
            }
            write(batch);
        } catch (RuntimeException | ExecutionException e) {
            LOG.error("collector tick failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lastTickAt = now;
        }
    }

    /** Discovery and telemetry of one customer; failures are logged and yield no points. */
    private List<MetricPoint> collect(Connection c, Instant now, double simMinutes, boolean refreshInventory) {
        try {
            CustomerState state = customers.computeIfAbsent(c.customerId(), id -> new CustomerState());
            synchronized (state) {
                if (refreshInventory || !state.discovered()) {
                    discover(c, state);
                }
                return state.discovered() ? telemetry(c.customerId(), state, now, simMinutes) : List.of();
            }
        } catch (RuntimeException e) {
            failed(c.customerId(), "customer " + c.customerId() + ": " + e.getMessage());
            return List.of();
        }
    }

    /** Announces discovery once, then PUTs the snapshot whenever it differs from the last accepted one. */
    private void discover(Connection c, CustomerState state) {
        String id = c.customerId();
        if (!state.announced()) {
            putInfrastructure(id, SnapshotMapper.discovering(c));
            state.markAnnounced();
            LOG.info("discovering the infrastructure of customer {}", id);
        }
        ObjectNode snapshot = SnapshotMapper.discovered(c, cloud.instances(id), cloud.deployments(id));
        state.deploymentIds(SnapshotMapper.deploymentIds(snapshot));
        String canonical = SnapshotMapper.canonical(snapshot);
        if (state.needsPublish(canonical)) {
            putInfrastructure(id, snapshot);
            if (!state.discovered()) {
                LOG.info("discovered customer {}: {} running instances, {} deployments", id,
                        snapshot.get("instances").size(), snapshot.get("vllm_deployments").size());
            }
            state.published(canonical);
        }
        succeeded(id);
    }

    private void putInfrastructure(String customerId, ObjectNode snapshot) {
        orchestrator.put("/internal/customers/" + customerId + "/infrastructure", snapshot)
                .require("infrastructure update of " + customerId);
    }

    private List<MetricPoint> telemetry(String customerId, CustomerState state, Instant now, double simMinutes) {
        List<MetricPoint> points = new ArrayList<>();
        for (String deploymentId : state.deploymentIds()) {
            String source = customerId + "/" + deploymentId;
            try {
                JsonNode metrics = cloud.deploymentMetrics(customerId, deploymentId);
                points.addAll(TelemetryMapper.deploymentPoints(customerId, deploymentId, metrics, now, simMinutes));
                succeeded(source);
            } catch (RuntimeException e) {
                failed(source, "metrics of " + source + ": " + e.getMessage());
            }
        }
        points.addAll(TelemetryMapper.accountPoints(customerId, cloud.summary(customerId), now, simMinutes));
        return points;
    }

    private void write(List<MetricPoint> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            sink.accept(batch);
            succeeded("metrics-store");
        } catch (RuntimeException e) {
            failed("metrics-store", "cannot write " + batch.size() + " metric points: " + e.getMessage());
        }
    }

    private void failed(String source, String message) {
        if (message.equals(failures.put(source, message))) {
            LOG.debug(message);
        } else {
            LOG.warn(message);
        }
    }

    private void succeeded(String source) {
        if (failures.remove(source) != null) {
            LOG.info("{} recovered", source);
        }
    }
}
