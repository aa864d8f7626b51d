package io.optiinfra.e2e.support.concurrency;

import io.optiinfra.e2e.support.client.OptiInfraClient;
import io.restassured.response.Response;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps test agents alive the way a real agent does: a heartbeat for each every {@code interval}, from a scheduler the
 * test owns and closes. A claim race only means something while its contenders count as live agents (a dead holder
 * may be taken over, by design). Failed heartbeats are collected and reported by {@link #close()}.
 */
public final class HeartbeatKeeper implements AutoCloseable {
    private final ScheduledExecutorService scheduler;
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final Set<String> beaten = ConcurrentHashMap.newKeySet();
    private final CountDownLatch everyoneBeatOnce;

    public HeartbeatKeeper(OptiInfraClient agentClient, List<String> agentIds, Duration interval) {
        scheduler = Executors.newScheduledThreadPool(agentIds.size()); // one thread each: a slow answer delays no other agent
        everyoneBeatOnce = new CountDownLatch(agentIds.size());
        for (String id : agentIds) {
            scheduler.scheduleAtFixedRate(() -> {
                Response beat = agentClient.post("/orchestrator/agents/{id}/heartbeat", Map.of("status", "active",
                        "current_tasks", 0, "load", 0.0), id);
                if (beat.statusCode() != 200) {
                    failures.add(id + ": HTTP " + beat.statusCode() + " " + beat.asString());
                } else if (beaten.add(id)) {
                    everyoneBeatOnce.countDown();
                }
            }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Waits until every agent's heartbeat was accepted at least once (they are all live from then on). */
    public void awaitEveryoneAlive(Duration atMost) {
        try {
            if (!everyoneBeatOnce.await(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("not every agent heartbeated within " + atMost.toMillis() + " ms: "
                        + beaten.size() + " did; refused: " + failures);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for heartbeats", e);
        }
    }

    /** Stops the heartbeats; fails if any was refused. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        if (!failures.isEmpty()) {
            throw new AssertionError("heartbeats refused: " + failures);
        }
    }
}
