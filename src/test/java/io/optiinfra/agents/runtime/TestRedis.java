package io.optiinfra.agents.runtime;

import redis.embedded.RedisServer;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;

/**
 * A throw-away Redis for the platform's unit tests (consumers, the login limiter): the apt binary when present, else
 * embedded-redis.
 */
public final class TestRedis implements AutoCloseable {
    private final RedisServer server;
    final int port;

    public TestRedis() {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        File binary = new File("/usr/bin/redis-server");
        try {
            server = binary.canExecute()
                    ? new RedisServer(port, List.of(binary.getPath(), "--port", String.valueOf(port), "--save", "",
                            "--appendonly", "no", "--bind", "127.0.0.1"), false)
                    : new RedisServer(port);
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
