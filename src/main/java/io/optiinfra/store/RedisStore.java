package io.optiinfra.store;

import io.optiinfra.common.Config;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;

import java.net.URI;

/** The platform's Redis client (pooled, RESP2 so every reply has the classic shape on Redis 6 and 7). */
public final class RedisStore implements AutoCloseable {
    private final RedisClient client;

    public RedisStore(String url) {
        URI uri = URI.create(url);
        this.client = RedisClient.builder()
                .hostAndPort(uri.getHost(), uri.getPort())
                .clientConfig(DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP2)
                        .timeoutMillis(5_000).build())
                .poolConfig(pool(32))
                .build();
    }

    /** Pub/sub subscribers hold a pooled connection for as long as they listen: leave room for them. */
    public static ConnectionPoolConfig pool(int size) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(size);
        pool.setMaxIdle(size);
        return pool;
    }

    public static RedisStore fromConfig() {
        return new RedisStore(Config.require("redis.url"));
    }

    public RedisClient client() {
        return client;
    }

    public static String customerChannel(String customerId) {
        return "optiinfra:customer:" + customerId + ":events";
    }

    public boolean ping() {
        try {
            return "PONG".equals(client.ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
