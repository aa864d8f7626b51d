package io.optiinfra.e2e.support.env;

import org.awaitility.Awaitility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts platform roles as separate JVMs from the project's own build output (target/classes plus the runtime
 * classpath Maven wrote to target/platform-classpath.txt) — never in the suite's JVM.
 */
final class PlatformLauncher {
    /** JVM flags for fast start of short-lived services on a 2-core machine. */
    private static final List<String> JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xms64m", "-Xmx512m", "-Xss512k", "-Xshare:auto");

    /** Settings that are credentials: handed over as environment variables (io.optiinfra.common.Config reads both). */
    static final java.util.Set<String> SECRET_KEYS = java.util.Set.of("jwt.secret", "service.token", "agent.token",
            "admin.password", "pg.password");

    private final String classpath;
    /** Null with -Dcds=false. */
    private final ClassDataSharing cds;
    private final Path workDir;
    private final Path logDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    PlatformLauncher(Path workDir, Path logDir) {
        this.cds = Boolean.parseBoolean(System.getProperty("cds", "true"))
                ? ClassDataSharing.prepare(CoverageAgent.targetDir().resolve("cds"), platformClasses(), dependencyClasspath(),
                        CoverageAgent.flag("any").isPresent())
                : null;
        this.classpath = cds != null ? cds.classpath() : platformClasses() + java.io.File.pathSeparator + dependencyClasspath();
        this.workDir = workDir;
        this.logDir = logDir;
    }

    /** Starts {@code role} as a JVM named {@code name} (its log is target/e2e-env/logs/<name>.log). */
    ManagedProcess launch(String name, String role, Map<String, String> properties) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        CoverageAgent.flag(name).ifPresent(command::add);
        // one JVM writes the class data sharing archive when this build has none yet: the orchestrator loads the most
        Path dumpFile = cds != null && !cds.warm() && "orchestrator".equals(name) ? cds.newDumpFile() : null;
        if (cds != null) {
            command.addAll(cds.flags(dumpFile));
        }
        Map<String, String> secrets = new java.util.LinkedHashMap<>();
        properties.forEach((key, value) -> {
            if (SECRET_KEYS.contains(key)) {
                secrets.put(environmentName(key), value); // never on the command line, where `ps` shows it to everyone
            } else {
                command.add("-Doptiinfra." + key + "=" + value);
            }
        });
        command.add("-cp");
        command.add(classpath);
        command.add("io.optiinfra.Main");
        command.add(role);
        ManagedProcess process = ManagedProcess.start(name, command, secrets, workDir.resolve(name),
                logDir.resolve(name + ".log"));
        if (dumpFile != null) {
            cds.dumping(process, dumpFile);
        }
        return process;
    }

    /** True when the platform's JVMs map a class data sharing archive of this build (a warm boot). */
    boolean warm() {
        return cds != null && cds.warm();
    }

    /** After the platform's JVMs exited: keeps the archive one of them wrote for the next boot. */
    void publishClassDataSharing() {
        if (cds != null) {
            cds.publish();
        }
    }

    /** The environment variable the platform's configuration reads for {@code key} (OPTIINFRA_JWT_SECRET, ...). */
    static String environmentName(String key) {
        return "OPTIINFRA_" + key.toUpperCase().replace('.', '_').replace('-', '_');
    }

    /** Waits until GET healthUrl answers 200, failing fast if the process dies. */
    void awaitHealthy(ManagedProcess process, String healthUrl, Duration atMost) {
        Awaitility.await(process.name() + " healthy at " + healthUrl)
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(100))
                .pollInSameThread()
                .until(() -> {
                    process.requireAlive();
                    return status(healthUrl) == 200;
                });
    }

    /** Waits until a TCP port accepts connections, failing fast if the process dies. */
    static void awaitPort(ManagedProcess process, int port, Duration atMost) {
        Awaitility.await(process.name() + " accepting connections on port " + port)
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(100))
                .pollInSameThread()
                .until(() -> {
                    process.requireAlive();
                    try (java.net.Socket socket = new java.net.Socket()) {
                        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
                        return true;
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    private int status(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static Path platformClasses() {
        return Path.of(System.getProperty("optiinfra.platformClasses", "target/classes"));
    }

    private static String dependencyClasspath() {
        Path dependencies = Path.of(System.getProperty("optiinfra.platformClasspath", "target/platform-classpath.txt"));
        try {
            return Files.readString(dependencies).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("run the suite through Maven: " + dependencies + " is written by the build", e);
        }
    }
}
