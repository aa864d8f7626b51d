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

    private final String classpath;
    private final Path workDir;
    private final Path logDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    PlatformLauncher(Path workDir, Path logDir) {
        this.classpath = platformClasspath();
        this.workDir = workDir;
        this.logDir = logDir;
    }

    /** Starts {@code role} as a JVM named {@code name} (its log is target/e2e-env/logs/<name>.log). */
    ManagedProcess launch(String name, String role, Map<String, String> properties) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        CoverageAgent.flag(name).ifPresent(command::add);
        properties.forEach((key, value) -> command.add("-Doptiinfra." + key + "=" + value));
        command.add("-cp");
        command.add(classpath);
        command.add("io.optiinfra.Main");
        command.add(role);
        return ManagedProcess.start(name, command, workDir.resolve(name), logDir.resolve(name + ".log"));
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

    private static String platformClasspath() {
        String classes = System.getProperty("optiinfra.platformClasses", "target/classes");
        Path dependencies = Path.of(System.getProperty("optiinfra.platformClasspath", "target/platform-classpath.txt"));
        try {
            return classes + java.io.File.pathSeparator + Files.readString(dependencies).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("run the suite through Maven: " + dependencies + " is written by the build", e);
        }
    }
}
