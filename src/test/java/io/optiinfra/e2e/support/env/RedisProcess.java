package io.optiinfra.e2e.support.env;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** redis-server from PATH as a child process (no persistence); embedded-redis when no binary is installed. */
final class RedisProcess implements AutoCloseable {
    private volatile ManagedProcess process;
    private final RedisServer embedded;
    private final Path dir;
    private final Path logDir;
    private final int port;

    private RedisProcess(ManagedProcess process, RedisServer embedded, Path dir, Path logDir, int port) {
        this.process = process;
        this.embedded = embedded;
        this.dir = dir;
        this.logDir = logDir;
        this.port = port;
    }

    static RedisProcess start(Path dir, Path logDir, int port) throws IOException {
        Files.createDirectories(dir);
        if (Files.isExecutable(BINARY)) {
            return new RedisProcess(launch(dir, logDir, port), null, dir, logDir, port);
        }
        RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                .setting("save \"\"").setting("appendonly no").build();
        server.start();
        return new RedisProcess(null, server, dir, logDir, port);
    }

    private static final Path BINARY = Path.of("/usr/bin/redis-server");

    private static ManagedProcess launch(Path dir, Path logDir, int port) throws IOException {
        return ManagedProcess.start("redis", List.of(BINARY.toString(), "--port",
                String.valueOf(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--dir", dir.toAbsolutePath().toString()), dir, logDir.resolve("redis.log"));
    }

    /** Starts redis-server again on the same port, empty (no persistence: a restart loses every stream and group). */
    ManagedProcess relaunch() throws IOException {
        process = launch(dir, logDir, port);
        return process;
    }

    int port() {
        return port;
    }

    ManagedProcess managed() {
        return process;
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
        if (embedded != null) {
            try {
                embedded.stop();
            } catch (IOException e) {
                System.err.println("embedded redis did not stop cleanly: " + e.getMessage());
            }
        }
    }
}
