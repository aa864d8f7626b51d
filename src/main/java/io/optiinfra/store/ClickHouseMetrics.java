package io.optiinfra.store;

import io.optiinfra.common.Config;
import ru.yandex.clickhouse.ClickHouseDataSource;
import ru.yandex.clickhouse.settings.ClickHouseProperties;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Metric time series in ClickHouse. SQL is kept plain so it runs on Debian's ClickHouse 18.16 and on modern servers
 * alike: no DateTime64 (hence the extra millisecond column), no server-side parameters.
 */
public final class ClickHouseMetrics {
    public static final Set<String> METRIC_TYPES = Set.of("monthly_cost", "hourly_cost", "latency_p95_ms",
            "latency_p99_ms", "throughput_rps", "error_rate", "quality_score", "gpu_utilization");

    private static final String DDL = "CREATE TABLE IF NOT EXISTS metrics ("
            + "customer_id String, metric_type String, resource_id String, ts DateTime, ts_ms UInt64, "
            + "value Float64, labels String) ENGINE = MergeTree() PARTITION BY toYYYYMM(ts) "
            + "ORDER BY (customer_id, metric_type, resource_id, ts_ms)";

    private final ClickHouseDataSource dataSource;

    public ClickHouseMetrics(String url) {
        ClickHouseProperties properties = new ClickHouseProperties();
        properties.setCompress(false); // 18.16 + this driver only agree on uncompressed responses
        properties.setSocketTimeout(30_000);
        this.dataSource = new ClickHouseDataSource(url, properties);
    }

    public static ClickHouseMetrics fromConfig() {
        return new ClickHouseMetrics(Config.require("ch.url"));
    }

    public void createSchema() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(DDL);
        } catch (SQLException e) {
            throw new StoreException("cannot create the ClickHouse schema", e);
        }
    }

    public void insert(List<MetricPoint> points) {
        if (points.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO metrics (customer_id, metric_type, resource_id, ts, ts_ms, value, labels) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (MetricPoint p : points) {
                ps.setString(1, p.customerId());
                ps.setString(2, p.metricType());
                ps.setString(3, p.resourceId());
                ps.setObject(4, LocalDateTime.ofInstant(p.timestamp(), ZoneOffset.UTC));
                ps.setLong(5, p.timestamp().toEpochMilli());
                ps.setDouble(6, p.value());
                ps.setString(7, p.labels() == null ? "{}" : p.labels());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new StoreException("metric insert failed", e);
        }
    }

    /** Samples of one customer and metric type in [start, end], oldest first. */
    public List<MetricPoint> query(String customerId, String metricType, Instant start, Instant end) {
        return query(customerId, metricType, start, end, Integer.MAX_VALUE);
    }

    /** At most {@code limit} points, oldest first. */
    public List<MetricPoint> query(String customerId, String metricType, Instant start, Instant end, int limit) {
        String sql = "SELECT customer_id, metric_type, resource_id, ts_ms, value, labels FROM metrics "
                + "WHERE customer_id = ? AND metric_type = ? AND ts_ms >= ? AND ts_ms <= ? "
                + "ORDER BY ts_ms, resource_id" + (limit == Integer.MAX_VALUE ? "" : " LIMIT " + Math.max(0, limit));
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, customerId);
            ps.setString(2, metricType);
            ps.setLong(3, start.toEpochMilli());
            ps.setLong(4, end.toEpochMilli());
            List<MetricPoint> points = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    points.add(new MetricPoint(rs.getString(1), rs.getString(2), rs.getString(3),
                            Instant.ofEpochMilli(rs.getLong(4)), rs.getDouble(5), rs.getString(6)));
                }
            }
            return points;
        } catch (SQLException e) {
            throw new StoreException("metric query failed", e);
        }
    }

    /**
     * The value of the latest sample of one series since {@code since}, if any: one aggregate row (argMax), so a
     * dashboard read does not fetch an hour of samples to keep the last one.
     */
    public java.util.OptionalDouble latest(String customerId, String metricType, String resourceId, Instant since) {
        String sql = "SELECT argMax(value, ts_ms), count() FROM metrics "
                + "WHERE customer_id = ? AND metric_type = ? AND resource_id = ? AND ts_ms >= ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, customerId);
            ps.setString(2, metricType);
            ps.setString(3, resourceId);
            ps.setLong(4, since.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(2) > 0 ? java.util.OptionalDouble.of(rs.getDouble(1))
                        : java.util.OptionalDouble.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("latest metric query failed", e);
        }
    }

    /** One point of a cost series: the bucket's start and the mean account monthly_cost measured in it. */
    public record CostPoint(Instant timestamp, double monthlyCost) {}

    /**
     * The account's measured monthly_cost in [start, end], averaged per bucket of {@code bucketMillis}, oldest first
     * (plain GROUP BY on an integer bucket: ClickHouse 18.16 has no newer interval functions).
     */
    public List<CostPoint> costHistory(String customerId, Instant start, Instant end, long bucketMillis) {
        String sql = "SELECT intDiv(ts_ms, ?) * ? AS bucket, avg(value) FROM metrics "
                + "WHERE customer_id = ? AND metric_type = 'monthly_cost' AND resource_id = 'account' "
                + "AND ts_ms >= ? AND ts_ms <= ? GROUP BY bucket ORDER BY bucket";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, bucketMillis);
            ps.setLong(2, bucketMillis);
            ps.setString(3, customerId);
            ps.setLong(4, start.toEpochMilli());
            ps.setLong(5, end.toEpochMilli());
            List<CostPoint> points = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    points.add(new CostPoint(Instant.ofEpochMilli(rs.getLong(1)), rs.getDouble(2)));
                }
            }
            return points;
        } catch (SQLException e) {
            throw new StoreException("cost history query failed", e);
        }
    }

    /** The mean and sample count of one metric type over a window. */
    public record Average(double value, long samples) {}

    /**
     * Per metric type, the average of one resource's samples since {@code since} (types without samples are absent).
     * Used by the agents for "recent telemetry".
     */
    public java.util.Map<String, Average> recentAverages(String customerId, String resourceId, Instant since) {
        String sql = "SELECT metric_type, avg(value), count() FROM metrics "
                + "WHERE customer_id = ? AND resource_id = ? AND ts_ms >= ? GROUP BY metric_type";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, customerId);
            ps.setString(2, resourceId);
            ps.setLong(3, since.toEpochMilli());
            java.util.Map<String, Average> averages = new java.util.LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    averages.put(rs.getString(1), new Average(rs.getDouble(2), rs.getLong(3)));
                }
            }
            return averages;
        } catch (SQLException e) {
            throw new StoreException("metric average query failed", e);
        }
    }

    public boolean ping() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1")) {
            return rs.next();
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
