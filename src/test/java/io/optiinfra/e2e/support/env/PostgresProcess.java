package io.optiinfra.e2e.support.env;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server from zonky's binary bundle, run as a plain child process (postmaster, not pg_ctl) so the
 * environment can kill, pause and restart it. PostgreSQL refuses to run as root; when the suite's JVM is root and user
 * namespaces are unavailable (a container with Docker's default seccomp profile), the server runs as the
 * unprivileged system user {@code nobody} through {@code setpriv}, with its binaries and data under a world-traversable
 * directory in /tmp (a checkout under /root is not reachable for that user).
 */
final class PostgresProcess implements AutoCloseable {
    private static final String UNPRIVILEGED_USER = "nobody";

    private final Path bin;
    private final Path data;
    private final Path log;
    private final int port;
    private final Map<String, String> config;
    private volatile ManagedProcess postmaster;

    private PostgresProcess(Path bin, Path data, Path log, int port, Map<String, String> config) {
        this.bin = bin;
        this.data = data;
        this.log = log;
        this.port = port;
        this.config = config;
    }

    /** Extracts the binaries (once per machine), runs initdb in a fresh data directory and starts the postmaster. */
    static PostgresProcess start(Path envRoot, Path logDir, int port, Map<String, String> config) throws IOException {
        boolean root = isRoot();
        // As root the server's user must reach binaries and data: /tmp, not the checkout (often under /root, mode 700).
        Path base = root ? Path.of(System.getProperty("java.io.tmpdir"), "optiinfra-pg") : envRoot.resolve("postgres");
        Path bin = extractBinaries(base);
        Path runDir = base.resolve("run-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        Files.createDirectories(runDir);
        Path data = runDir.resolve("data");
        Files.createDirectories(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        if (root) {
            worldTraversable(base);
            worldTraversable(runDir);
            UserPrincipalLookupService users = data.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(data, users.lookupPrincipalByName(UNPRIVILEGED_USER));
        }
        PostgresProcess postgres = new PostgresProcess(bin, data, logDir.resolve("postgres.log"), port, config);
        postgres.initdb();
        postgres.startPostmaster();
        return postgres;
    }

    int port() {
        return port;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** The running postmaster (its PID is the server's own: setpriv execs). */
    ManagedProcess postmaster() {
        return postmaster;
    }

    /** Starts the postmaster again on the same data directory and port (after a stop or a SIGKILL). */
    ManagedProcess startPostmaster() throws IOException {
        List<String> command = new ArrayList<>(asServerUser());
        command.add(bin.resolve("bin/postgres").toString());
        command.addAll(List.of("-D", data.toString(), "-p", String.valueOf(port),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="));
        config.forEach((key, value) -> command.addAll(List.of("-c", key + "=" + value)));
        postmaster = ManagedProcess.start("postgres", command, data.getParent(), log);
        return postmaster;
    }

    /** Waits until the server answers a query (an open port alone may still say "starting up"). */
    void awaitReady(java.time.Duration atMost) {
        org.awaitility.Awaitility.await("PostgreSQL answering SELECT 1 on port " + port)
                .atMost(atMost)
                .pollInterval(java.time.Duration.ofMillis(100))
                .pollInSameThread()
                .until(() -> {
                    postmaster.requireAlive();
                    try (var connection = java.sql.DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
                         var statement = connection.createStatement()) {
                        return statement.execute("SELECT 1");
                    } catch (java.sql.SQLException e) {
                        return false;
                    }
                });
    }

    /** Fast shutdown (SIGINT: disconnects clients, no waiting for pools to close), then SIGKILL if it hangs. */
    void stopPostmaster() {
        if (postmaster == null || !postmaster.isAlive()) {
            return;
        }
        Signals.send(postmaster.pid(), "INT");
        if (!postmaster.awaitExit(15, TimeUnit.SECONDS)) {
            postmaster.kill();
            postmaster.awaitExit(5, TimeUnit.SECONDS);
        }
    }

    private void initdb() throws IOException {
        List<String> command = new ArrayList<>(asServerUser());
        command.addAll(List.of(bin.resolve("bin/initdb").toString(), "-A", "trust", "-U", "postgres",
                "-D", data.toString(), "-E", "UTF-8", "--no-locale", "--no-sync"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("initdb failed (" + command + "); see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during initdb", e);
        }
    }

    /** The prefix that drops root to the unprivileged user (empty when the JVM is not root). */
    private static List<String> asServerUser() {
        if (!isRoot()) {
            return List.of();
        }
        return List.of("setpriv", "--reuid=" + UNPRIVILEGED_USER, "--regid=" + Signals.output("id", "-g", UNPRIVILEGED_USER),
                "--clear-groups", "--");
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Extracts zonky's bundled binaries into base/bin-<bundle size>, atomically, so parallel boots share one copy. */
    private static Path extractBinaries(Path base) throws IOException {
        Files.createDirectories(base);
        String arch = System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch");
        byte[] bundle;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", arch)) {
            bundle = in.readAllBytes();
        }
        Path target = base.resolve("bin-" + bundle.length);
        if (Files.isExecutable(target.resolve("bin/postgres"))) {
            return target;
        }
        Path staging = Files.createTempDirectory(base, "extract-");
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new java.io.ByteArrayInputStream(bundle)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextTarEntry()) != null) {
                Path out = staging.resolve(entry.getName()).normalize();
                if (!out.startsWith(staging)) {
                    throw new IOException("bundle entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString(
                            (entry.getMode() & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        try (var paths = Files.walk(staging)) {
            for (Path dir : paths.filter(Files::isDirectory).toList()) {
                worldTraversable(dir);
            }
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raced) {
            // another boot extracted the same bundle first: use that copy
            if (!Files.isExecutable(target.resolve("bin/postgres"))) {
                throw raced;
            }
            deleteRecursively(staging);
        }
        return target;
    }

    private static void worldTraversable(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Stops the server and removes its data directory (the extracted binaries stay for the next boot). */
    @Override
    public void close() {
        stopPostmaster();
        try {
            deleteRecursively(data.getParent());
        } catch (IOException e) {
            System.err.println("PostgreSQL data directory not removed: " + e.getMessage());
        }
    }
}
