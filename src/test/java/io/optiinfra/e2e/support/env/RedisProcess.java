package io.optiinfra.e2e.support.env;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** redis-server from PATH as a child process (no persistence); embedded-redis when no binary is installed. */
final class RedisProcess implements AutoCloseable {
    private final ManagedProcess process;
    private final RedisServer embedded;

    private RedisProcess(ManagedProcess process, RedisServer embedded) {
        this.process = process;
        this.embedded = embedded;
    }

    static RedisProcess start(Path dir, Path logDir, int port) throws IOException {
        Files.createDirectories(dir);
        Path binary = Path.of("/usr/bin/redis-server");
        if (Files.isExecutable(binary)) {
            return new RedisProcess(ManagedProcess.start("redis", List.of(binary.toString(), "--port",
                    String.valueOf(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                    "--dir", dir.toAbsolutePath().toString()), dir, logDir.resolve("redis.log")), null);
        }
        RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                .setting("save \"\"").setting("appendonly no").build();
        server.start();
        return new RedisProcess(null, server);
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
