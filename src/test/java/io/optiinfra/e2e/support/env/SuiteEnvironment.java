package io.optiinfra.e2e.support.env;

import io.optiinfra.e2e.support.coverage.CoverageReport;
import io.optiinfra.e2e.support.coverage.CoverageServer;
import io.optiinfra.e2e.support.report.Dashboard;
import io.optiinfra.e2e.support.report.ExtentReportListener;
import io.optiinfra.e2e.support.report.FailureEvidence;
import io.optiinfra.e2e.support.report.TestReport;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Boots the environment once per JVM, before the first suite of a run that selected suite tests, and tears it down at
 * the end of the run (and from a shutdown hook on Ctrl-C or a crash). Started and stopped by
 * {@link io.optiinfra.e2e.support.run.SuiteLifecycle}; tests read {@link #settings()}.
 */
public final class SuiteEnvironment {
    private static final Object LOCK = new Object();
    private static Environment environment;
    private static EnvironmentSettings settings;
    private static long bootMillis;
    private static CoverageServer coverage;

    private SuiteEnvironment() {}

    /** Boots the environment unless it is up (the lifecycle calls it before the first suite). */
    public static void start() {
        boot();
    }

    /** Stops the environment, if it was started. */
    public static void stop() {
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
            if ("local".equals(mode)) {
                UpEnvironment.runningHint().ifPresent(System.out::println);
            }
            long start = System.nanoTime();
            if ("local".equals(mode) && CoverageAgent.enabled()) {
                CoverageReport.clearExecutionData();
                coverage = startCoverageServer();
            }
            ExtentReportListener.beforeFlush(SuiteEnvironment::finishRun);
            Environment candidate = create(mode);
            Runtime.getRuntime().addShutdownHook(new Thread(candidate::close, "optiinfra-env-teardown"));
            try {
                settings = candidate.start();
                environment = candidate;
            } catch (Exception e) {
                Map<String, String> tails = new java.util.LinkedHashMap<>();
                candidate.bootRetries().forEach(r -> tails.put("boot retry " + (tails.size() + 1), r));
                tails.putAll(candidate.logTails(60));
                candidate.close();
                IllegalStateException failure = new IllegalStateException("the " + mode + " environment did not start: "
                        + e.getMessage(), e);
                ExtentReportListener.bootFailed(mode, failure, tails); // the report says why, even with no test run
                throw failure;
            }
            bootMillis = (System.nanoTime() - start) / 1_000_000;
            EnvironmentSettings booted = settings;
            TestReport.setFailureAttachmentProvider(customers -> {
                Map<String, String> evidence = new java.util.LinkedHashMap<>(
                        FailureEvidence.logLines(booted.logDir(), customers, 40));
                evidence.putAll(FailureEvidence.simulatorState(booted.cloudSimulatorUrl(), customers));
                return evidence;
            });
            String kind = environment.bootKind().isEmpty() ? mode : mode + ", " + environment.bootKind();
            ExtentReportListener.dashboard(Dashboard.Kind.BOOT, "Environment boot (" + kind + ")", bootMillis + " ms");
            List<String> retries = environment.bootRetries();
            for (int i = 0; i < retries.size(); i++) { // infrastructure retried, never a test: the report shows each
                ExtentReportListener.dashboard(Dashboard.Kind.BOOT_RETRY, "Boot retry " + (i + 1), retries.get(i));
            }
            System.out.printf("[optiinfra-e2e] %s environment booted in %d ms (%s; logs: %s)%n", mode, bootMillis, kind,
                    settings.logDir().toAbsolutePath());
        }
    }

    private static void shutdown() {
        synchronized (LOCK) {
            if (environment != null) {
                long start = System.nanoTime();
                environment.close();
                environment = null;
                System.out.printf("[optiinfra-e2e] environment stopped in %d ms%n", (System.nanoTime() - start) / 1_000_000);
            }
        }
    }

    /** Before the report is written: stop the platform (its JVMs write their coverage on exit), then report it. */
    private static void finishRun() {
        shutdown();
        synchronized (LOCK) {
            if (coverage == null) {
                return;
            }
            try {
                coverage.writeTo(CoverageAgent.execDir().resolve("platform.exec"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot write the platform's coverage data", e);
            } finally {
                coverage.close();
                coverage = null;
                System.clearProperty(CoverageAgent.PORT_PROPERTY);
            }
        }
        CoverageReport.write().ifPresent(rows -> {
            rows.forEach(row -> ExtentReportListener.dashboard(Dashboard.Kind.COVERAGE, "Coverage: " + row.component(),
                    row.line()));
            ExtentReportListener.dashboard(Dashboard.Kind.COVERAGE_LINK, "Coverage report", "../coverage/html/index.html");
            rows.forEach(row -> System.out.println("[coverage] " + row.line()));
        });
    }

    private static CoverageServer startCoverageServer() {
        try {
            CoverageServer server = CoverageServer.start();
            System.setProperty(CoverageAgent.PORT_PROPERTY, String.valueOf(server.port()));
            return server;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot start the coverage server", e);
        }
    }

    private static Environment create(String mode) {
        try {
            return switch (mode) {
                case "local" -> new LocalEnvironment(Path.of(System.getProperty("optiinfra.projectDir", "."),
                        "target", "e2e-env"));
                case "external" -> new ExternalEnvironment(Path.of(System.getProperty("env.file", "env/external.properties")));
                case "up" -> UpEnvironment.create();
                case "docker" -> new DockerEnvironment(Path.of(System.getProperty("optiinfra.projectDir", "."),
                        "target", "e2e-env"));
                default -> throw new IllegalArgumentException("unknown -Denv=" + mode + " (local, up, external, docker)");
            };
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read the environment settings", e);
        }
    }
}
