package io.optiinfra.orchestrator.dashboard;

import io.optiinfra.store.ClickHouseMetrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest account monthly_cost the collector measured, per customer, kept for a fraction of a telemetry tick:
 * every open dashboard polls it, and a ClickHouse query costs more than the rest of the dashboard together. A value is
 * never older than {@code maxAge} (well under the collector's cadence), so the dashboard lags the store by less than
 * one tick.
 */
final class LatestSpend {
    /** Beyond this many customers the cache starts over rather than grow. */
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(double monthlyCost, long fetchedAtNanos) {}

    private final ClickHouseMetrics metrics;
    private final long maxAgeNanos;
    private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();

    LatestSpend(ClickHouseMetrics metrics, Duration maxAge) {
        this.metrics = metrics;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** The latest account monthly_cost measured in the last hour (0 when the collector has measured none). */
    double of(UUID customerId) {
        long now = System.nanoTime();
        Entry cached = entries.get(customerId);
        if (cached != null && now - cached.fetchedAtNanos() < maxAgeNanos) {
            return cached.monthlyCost();
        }
        double value = metrics.latest(customerId.toString(), "monthly_cost", "account",
                Instant.now().minusSeconds(3600)).orElse(0.0);
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(customerId, new Entry(value, now));
        return value;
    }
}
