package io.optiinfra.e2e.support.env;

import io.optiinfra.e2e.support.report.TestReport;
import org.testng.IExecutionListener;

import java.nio.file.Path;
import java.util.Map;

/**
 * Boots the environment once per JVM, before any suite runs, and tears it down at the end of the run (and from a
 * shutdown hook on Ctrl-C or a crash). Registered as a listener in every suite XML; tests read {@link #settings()}.
 */
public final class SuiteEnvironment implements IExecutionListener {
    private static final Object LOCK = new Object();
    private static Environment environment;
    private static EnvironmentSettings settings;
    private static long bootMillis;

    @Override
    public void onExecutionStart() {
        boot();
    }

    @Override
    public void onExecutionFinish() {
        shutdown();
    }

    /** The running environment's settings, booting it on first use. */
    public static EnvironmentSettings settings() {
        boot();
        return settings;
    }

    public static Environment environment() {
        boot();
        return environment;
    }

    public static long bootMillis() {
        return bootMillis;
    }

    public static Map<String, String> logTails(int lines) {
        synchronized (LOCK) {
            return environment == null ? Map.of() : environment.logTails(lines);
        }
    }

    private static void boot() {
        synchronized (LOCK) {
            if (settings != null) {
                return;
            }
            String mode = System.getProperty("env", "local");
            long start = System.nanoTime();
            Environment candidate = create(mode);
            Runtime.getRuntime().addShutdownHook(new Thread(candidate::close, "optiinfra-env-teardown"));
            try {
                settings = candidate.start();
                environment = candidate;
            } catch (Exception e) {
                candidate.close();
                throw new IllegalStateException("the " + mode + " environment did not start: " + e.getMessage(), e);
            }
            bootMillis = (System.nanoTime() - start) / 1_000_000;
            TestReport.setFailureAttachmentProvider(() -> logTails(40));
            System.out.printf("[optiinfra-e2e] %s environment booted in %d ms (logs: %s)%n", mode, bootMillis,
                    settings.logDir().toAbsolutePath());
        }
    }

    private static void shutdown() {
        synchronized (LOCK) {
            if (environment != null) {
                long start = System.nanoTime();
                environment.close();
                System.out.printf("[optiinfra-e2e] environment stopped in %d ms%n", (System.nanoTime() - start) / 1_000_000);
            }
        }
    }

    private static Environment create(String mode) {
        try {
            return switch (mode) {
                case "local" -> new LocalEnvironment(Path.of(System.getProperty("optiinfra.projectDir", "."),
                        "target", "e2e-env"));
                case "external" -> new ExternalEnvironment(Path.of(System.getProperty("env.file", "env/external.properties")));
                case "docker" -> new DockerEnvironment(Path.of(System.getProperty("optiinfra.projectDir", "."),
                        "target", "e2e-env"));
                default -> throw new IllegalArgumentException("unknown -Denv=" + mode + " (local, external, docker)");
            };
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read the environment settings", e);
        }
    }
}
