package io.optiinfra.e2e.support.env;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * {@code make up}: the local environment as a long-running background process. Boots {@link LocalEnvironment}
 * under target/e2e-up, writes its settings to env/local.properties (the keys {@link ExternalEnvironment} reads, so
 * {@code mvn test -Dsuite=... -Denv=external -Denv.file=env/local.properties} runs against it with no boot), prints
 * the URLs, and keeps everything running until it is sent SIGTERM ({@code make down}), which tears it all down.
 */
public final class LongRunningEnvironment {
    private LongRunningEnvironment() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "target/e2e-up");
        Path propertiesFile = Path.of(args.length > 1 ? args[1] : "env/local.properties");
        LocalEnvironment environment = new LocalEnvironment(root);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(propertiesFile); // settings of a stopped environment would mislead the next run
            } catch (IOException e) {
                System.err.println("cannot delete " + propertiesFile + ": " + e.getMessage());
            }
            environment.close();
            stopped.countDown();
            System.out.println("[optiinfra-up] stopped");
        }, "optiinfra-up-teardown"));

        long start = System.nanoTime();
        EnvironmentSettings settings = environment.start();
        write(propertiesFile, Topology.properties(settings));
        System.out.printf("[optiinfra-up] local environment up in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        System.out.println("  orchestrator     " + settings.orchestratorUrl());
        System.out.println("  cloud simulator  " + settings.cloudSimulatorUrl());
        System.out.println("  postgres         " + settings.postgresUrl());
        System.out.println("  clickhouse       " + settings.clickhouseUrl());
        System.out.println("  redis            " + settings.redisUrl());
        System.out.println("  portal           " + settings.portalUrl());
        System.out.println("  admin            " + settings.adminEmail() + " (password in " + propertiesFile + ")");
        System.out.println("  logs             " + settings.logDir().toAbsolutePath());
        System.out.println("  settings         " + propertiesFile.toAbsolutePath());
        stopped.await(); // until SIGTERM runs the shutdown hook
    }

    /** Written to a temp file and moved into place, so a reader never sees half a file. */
    private static void write(Path file, Map<String, String> values) throws IOException {
        Properties properties = new Properties();
        properties.putAll(values);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, ".local", ".properties");
        try (Writer out = Files.newBufferedWriter(temp)) {
            properties.store(out, "make up: the running local environment (secrets; git-ignored). make down removes it.");
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
