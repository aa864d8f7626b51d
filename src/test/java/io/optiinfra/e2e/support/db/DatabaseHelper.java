package io.optiinfra.e2e.support.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.optiinfra.e2e.support.env.EnvironmentSettings;
import io.optiinfra.e2e.support.env.SuiteEnvironment;
import io.optiinfra.e2e.support.report.TestReport;
import io.optiinfra.e2e.support.wait.TimeBounds;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;
import ru.yandex.clickhouse.ClickHouseDataSource;
import ru.yandex.clickhouse.settings.ClickHouseProperties;

import javax.sql.DataSource;
import java.net.URI;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Direct, read-mostly access to the platform's stores, so tests prove what the platform persisted: PostgreSQL (JDBC),
 * ClickHouse (the legacy ru.yandex driver, uncompressed — see SPEC §2) and Redis (Jedis). Every read is recorded in
 * the report. One instance per JVM: its pools are thread-safe and hold no test state.
 */
public final class DatabaseHelper {
    private static volatile DatabaseHelper instance;

    private final HikariDataSource postgres;
    private final ClickHouseDataSource clickhouse;
    private final RedisClient redis;

    private DatabaseHelper(EnvironmentSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.postgresUrl());
        config.setUsername(settings.postgresUser());
        config.setPassword(settings.postgresPassword());
        config.setMaximumPoolSize(8);
        config.setPoolName("suite-pg");
        config.setConnectionTimeout(TimeBounds.HANDSHAKE.toMillis()); // a late connection fails naming the pool's state
        config.setReadOnly(true);
        this.postgres = new HikariDataSource(config);
        ClickHouseProperties properties = new ClickHouseProperties();
        properties.setCompress(false);
        // the driver's default connect timeout is 50 ms: a loaded machine's scheduler, not ClickHouse, would fail it
        properties.setConnectionTimeout((int) TimeBounds.HANDSHAKE.toMillis());
        this.clickhouse = new ClickHouseDataSource(settings.clickhouseUrl(), properties);
        URI redisUri = URI.create(settings.redisUrl());
        this.redis = RedisClient.builder().hostAndPort(redisUri.getHost(), redisUri.getPort())
                .clientConfig(DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP2)
                        // Jedis' 2 s defaults are one machine's patience: a handshake's bound instead
                        .connectionTimeoutMillis((int) TimeBounds.HANDSHAKE.toMillis())
                        .socketTimeoutMillis((int) TimeBounds.HANDSHAKE.toMillis()).build())
                // every open subscription holds a connection: parallel scenarios each keep one
                .poolConfig(redisPool(64)).build();
    }

    private static ConnectionPoolConfig redisPool(int size) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(size);
        pool.setMaxIdle(size);
        return pool;
    }

    public static DatabaseHelper forSuite() {
        DatabaseHelper helper = instance;
        if (helper == null) {
            synchronized (DatabaseHelper.class) {
                if (instance == null) {
                    instance = new DatabaseHelper(SuiteEnvironment.settings());
                }
                helper = instance;
            }
        }
        return helper;
    }

    /** Rows from PostgreSQL (parameterised), recorded in the report. */
    public List<Map<String, Object>> postgres(String sql, Object... params) {
        List<Map<String, Object>> rows;
        try {
            rows = query(postgres, sql, params);
        } catch (IllegalStateException e) {
            var pool = postgres.getHikariPoolMXBean();
            throw new IllegalStateException(e.getMessage() + " (suite pool suite-pg: " + pool.getActiveConnections()
                    + " active, " + pool.getIdleConnections() + " idle, " + pool.getThreadsAwaitingConnection()
                    + " waiting; connection bound " + TimeBounds.HANDSHAKE.toMillis() + " ms, TimeBounds.HANDSHAKE)", e);
        }
        TestReport.storeCheck("postgres", sql, rows);
        return rows;
    }

    /** Rows from ClickHouse (parameterised through the driver), recorded in the report. */
    public List<Map<String, Object>> clickhouse(String sql, Object... params) {
        List<Map<String, Object>> rows = query(clickhouse, sql, params);
        TestReport.storeCheck("clickhouse", sql, rows);
        return rows;
    }

    public RedisClient redis() {
        return redis;
    }

    /** Subscribes to a Redis pub/sub channel; close the subscription when done. */
    public RedisSubscription subscribe(String channel) {
        return RedisSubscription.open(redis, channel);
    }

    private static List<Map<String, Object>> query(DataSource dataSource, String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        Object value = rs.getObject(i);
                        row.put(meta.getColumnLabel(i), value instanceof Array array
                                ? List.of((Object[]) array.getArray()) : value);
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("store query failed: " + sql + ": " + e.getMessage(), e);
        }
    }
}
