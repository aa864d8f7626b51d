package io.optiinfra.orchestrator.metrics;

import com.fasterxml.jackson.core.type.TypeReference;
import io.javalin.http.Context;
import io.optiinfra.common.ApiException;
import io.optiinfra.common.Json;
import io.optiinfra.common.web.Access;
import io.optiinfra.common.web.Web;
import io.optiinfra.orchestrator.customers.CustomerRoutes;
import io.optiinfra.orchestrator.http.RouteTable;
import io.optiinfra.store.ClickHouseMetrics;
import io.optiinfra.store.MetricPoint;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** Metric ingestion (internal, service token) and read-back per customer, both on ClickHouse. */
public final class MetricsRoutes {
    private static final int MAX_BATCH = 10_000;
    private static final Duration MAX_COST_WINDOW = Duration.ofDays(400);
    /** Reads are bounded: a window of at most 31 days and at most this many points per answer (X-Has-More pages). */
    private static final Duration MAX_WINDOW = Duration.ofDays(31);
    private static final int MAX_ROWS = 10_000;
    /** Instants outside this range are not telemetry (and overflow epoch milliseconds at the extremes). */
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    public record MetricSample(String customer_id, String metric_type, String resource_id, Double value,
                               String timestamp, Map<String, Object> labels) {}

    private final ClickHouseMetrics metrics;
    private final CustomerRoutes customers;

    public MetricsRoutes(ClickHouseMetrics metrics, CustomerRoutes customers) {
        this.metrics = metrics;
        this.customers = customers;
    }

    public void register(RouteTable routes) {
        routes.post("/internal/metrics", Access.SERVICE, this::ingest);
        routes.get("/customers/{id}/metrics", Access.USER, this::read);
        routes.get("/customers/{id}/cost-history", Access.USER, this::costHistory);
    }

    /**
     * GET /customers/{id}/cost-history: the account's measured monthly cost over time for the portal's chart,
     * {@code points} buckets (1..500, default 60) over [start_time, end_time] (default: the last hour).
     */
    private void costHistory(Context ctx) {
        UUID customerId = customers.requireCustomerId(ctx);
        Instant end = parseTime(ctx.queryParam("end_time"), Instant.now(), "end_time");
        Instant start = parseTime(ctx.queryParam("start_time"), end.minusSeconds(3600), "start_time");
        if (!start.isBefore(end)) {
            throw ApiException.badRequest("start_time must be before end_time");
        }
        // a chart spans at most about a year; this also keeps far-off instants away from epoch-millisecond overflow
        if (start.isBefore(Instant.EPOCH) || end.isAfter(Instant.now().plus(MAX_COST_WINDOW))
                || Duration.between(start, end).compareTo(MAX_COST_WINDOW) > 0) {
            throw ApiException.badRequest("the window must lie between 1970 and a year from now and span at most "
                    + MAX_COST_WINDOW.toDays() + " days");
        }
        int points;
        try {
            points = Integer.parseInt(ctx.queryParamAsClass("points", String.class).getOrDefault("60"));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("points must be an integer");
        }
        if (points < 1 || points > 500) {
            throw ApiException.badRequest("points must be between 1 and 500");
        }
        long bucket = Math.max(1000, (end.toEpochMilli() - start.toEpochMilli()) / points);
        ctx.json(metrics.costHistory(customerId.toString(), start, end, bucket).stream().map(p -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("timestamp", p.timestamp().toString());
            row.put("monthly_cost", p.monthlyCost());
            return row;
        }).toList());
    }

    private void ingest(Context ctx) {
        if (ctx.body().isBlank()) {
            throw ApiException.badRequest("a JSON array of samples is required");
        }
        List<MetricSample> samples = Web.body(ctx, new TypeReference<List<MetricSample>>() {});
        if (samples == null || samples.isEmpty() || samples.size() > MAX_BATCH) {
            throw ApiException.badRequest("send 1 to " + MAX_BATCH + " samples");
        }
        List<MetricPoint> points = samples.stream().map(MetricsRoutes::toPoint).toList();
        requireDistinct(points);
        // telemetry of a customer that does not exist would sit in ClickHouse where no one can ever read it
        Set<UUID> named = new TreeSet<>();
        points.forEach(p -> named.add(UUID.fromString(p.customerId())));
        Set<UUID> unknown = customers.unknown(named);
        if (!unknown.isEmpty()) {
            throw ApiException.notFound(unknown.size() + " customer_id(s) name no customer, e.g. "
                    + unknown.stream().limit(3).toList());
        }
        metrics.insert(points);
        ctx.status(202).json(Map.of("inserted", points.size()));
    }

    private void read(Context ctx) {
        UUID customerId = customers.requireCustomerId(ctx);
        String type = ctx.queryParam("metric_type");
        requireKnownType(type);
        Instant end = parseTime(ctx.queryParam("end_time"), Instant.now(), "end_time");
        Instant start = parseTime(ctx.queryParam("start_time"), end.minusSeconds(24 * 3600), "start_time");
        if (start.isAfter(end)) {
            throw ApiException.badRequest("start_time must not be after end_time");
        }
        if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
            throw ApiException.badRequest("the window may span at most " + MAX_WINDOW.toDays() + " days");
        }
        int limit = limit(ctx.queryParam("limit"));
        // one more than asked tells whether the window holds more: the client continues from the last timestamp
        List<MetricPoint> points = metrics.query(customerId.toString(), type, start, end, limit + 1);
        ctx.header("X-Has-More", String.valueOf(points.size() > limit));
        ctx.json(points.stream().limit(limit).map(p -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("metric_type", p.metricType());
            row.put("resource_id", p.resourceId());
            row.put("value", p.value());
            row.put("timestamp", p.timestamp().toString());
            return row;
        }).toList());
    }

    /** Two samples of one series at one instant say two different things about the same moment: neither is kept. */
    private static void requireDistinct(List<MetricPoint> points) {
        Map<List<Object>, Integer> seen = new HashMap<>();
        for (int i = 0; i < points.size(); i++) {
            MetricPoint p = points.get(i);
            Integer earlier = seen.putIfAbsent(List.of(p.customerId(), p.metricType(), p.resourceId(), p.timestamp()), i);
            if (earlier != null) {
                throw ApiException.badRequest("samples " + earlier + " and " + i + " are for the same customer_id, "
                        + "metric_type, resource_id and timestamp");
            }
        }
    }

    private static int limit(String raw) {
        if (raw == null || raw.isBlank()) {
            return MAX_ROWS;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= MAX_ROWS) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // falls through to the 400
        }
        throw ApiException.badRequest("limit must be an integer from 1 to " + MAX_ROWS);
    }

    private static MetricPoint toPoint(MetricSample s) {
        if (s == null) {
            throw ApiException.badRequest("null sample");
        }
        UUID customerId;
        try {
            customerId = UUID.fromString(s.customer_id() == null ? "" : s.customer_id());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("customer_id must be a UUID");
        }
        requireKnownType(s.metric_type());
        if (s.resource_id() == null || s.resource_id().isBlank() || s.value() == null || s.value().isNaN()
                || s.value().isInfinite()) {
            throw ApiException.badRequest("every sample needs resource_id and a finite value");
        }
        Instant ts = parseTime(s.timestamp(), null, "timestamp");
        // the canonical form, the one reads ask for (UUID.fromString also takes "1-1-1-1-1")
        return new MetricPoint(customerId.toString(), s.metric_type(), s.resource_id(), ts, s.value(),
                Json.write(s.labels() == null ? Map.of() : s.labels()));
    }

    private static void requireKnownType(String type) {
        if (type == null || !ClickHouseMetrics.METRIC_TYPES.contains(type)) {
            throw ApiException.badRequest("metric_type must be one of " + ClickHouseMetrics.METRIC_TYPES);
        }
    }

    private static Instant parseTime(String raw, Instant fallback, String field) {
        if (raw == null || raw.isBlank()) {
            if (fallback == null) {
                throw ApiException.badRequest(field + " is required");
            }
            return fallback;
        }
        Instant instant;
        try {
            instant = Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field + " must be an ISO-8601 instant, e.g. 2026-01-01T00:00:00Z");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw ApiException.badRequest(field + " must lie between " + EARLIEST + " and " + LATEST);
        }
        return instant;
    }
}
