package io.optiinfra.e2e.support.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The embedded default: real PostgreSQL (zonky's binaries, run as an unprivileged user when the JVM is root), Redis and ClickHouse processes on free ports, then the platform's
 * processes as separate JVMs. Everything lives under target/e2e-env and is torn down at the end of the JVM.
 */
public final class LocalEnvironment implements Environment {
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(180); // a budget for a loaded 2-core machine, not a speed claim
    /** Platform worker processes: {instance name, role}. Two cost agents, so a dead one's tasks have somewhere to go. */
    private static final String[][] WORKERS = {
            {"cost-agent-1", "cost-agent"}, {"cost-agent-2", "cost-agent"}, {"performance-agent-1", "performance-agent"},
            {"resource-agent-1", "resource-agent"}, {"application-agent-1", "application-agent"},
            {"collector-1", "collector"}};

    private final Path root;
    private final Path logDir;
    private final List<ManagedProcess> processes = new ArrayList<>();
    private final Map<String, ManagedProcess> platform = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Launch> relaunch = new LinkedHashMap<>();
    private final Map<String, String> healthUrls = new LinkedHashMap<>();
    private PlatformLauncher launcher;
    private PostgresProcess postgres;
    private RedisProcess redis;
    private volatile ManagedProcess clickhouse;
    private final LocalFaultControl faults = new LocalFaultControl();

    public LocalEnvironment(Path root) {
        this.root = root;
        this.logDir = root.resolve("logs");
    }

    @Override
    public EnvironmentSettings start() throws Exception {
        long bootStart = System.nanoTime();
        deleteRecursively(logDir); // one run's logs per directory: a stale tail would mislead
        Files.createDirectories(logDir);
        int pgPort = FreePorts.next();
        int redisPort = FreePorts.next();
        int chHttpPort = FreePorts.next();
        int chTcpPort = FreePorts.next();
        int orchestratorPort = FreePorts.next();
        int simulatorPort = FreePorts.next();
        String secret = randomHex(32);
        String serviceToken = randomHex(24);
        String agentToken = randomHex(24);
        String adminPassword = randomHex(12);

        launcher = new PlatformLauncher(root.resolve("work"), logDir);
        // The simulator needs no store: start it while the stores boot.
        ManagedProcess simulator = track(launcher.launch("cloud-simulator", "cloud-simulator", Map.of("http.port", String.valueOf(simulatorPort))));
        CompletableFuture<PostgresProcess> pg = CompletableFuture.supplyAsync(() -> startPostgres(pgPort));
        redis = RedisProcess.start(root.resolve("redis"), logDir, redisPort);
        if (redis.managed() != null) {
            track(redis.managed());
        }
        clickhouse = track(ClickHouseProcess.start(root.resolve("clickhouse"), logDir, chHttpPort, chTcpPort));
        postgres = pg.join();
        launcher.awaitHealthy(clickhouse,
                "http://127.0.0.1:" + chHttpPort + "/ping", BOOT_TIMEOUT);
        System.out.printf("[optiinfra-e2e] stores ready after %d ms%n", (System.nanoTime() - bootStart) / 1_000_000);

        String pgUrl = postgres.jdbcUrl();
        String chUrl = "jdbc:clickhouse://127.0.0.1:" + chHttpPort + "/default";
        String redisUrl = "redis://127.0.0.1:" + redisPort;
        String orchestratorUrl = "http://127.0.0.1:" + orchestratorPort;
        String simulatorUrl = "http://127.0.0.1:" + simulatorPort;

        Map<String, String> common = new LinkedHashMap<>();
        common.put("pg.url", pgUrl);
        common.put("pg.user", "postgres");
        common.put("pg.password", "postgres");
        common.put("ch.url", chUrl);
        common.put("redis.url", redisUrl);
        common.put("service.token", serviceToken);
        common.put("agent.token", agentToken);
        common.put("orchestrator.url", orchestratorUrl);
        common.put("cloudsim.url", simulatorUrl);

        common.put("agent.heartbeat.ms", "300");
        common.put("agent.offline.ms", "1500");
        common.put("task.claim.idle.ms", "2000");
        common.put("telemetry.interval.ms", "500");
        // 5 production minutes = 1 s: canary soak 1 s, 50 % soak 2 s, rollback bound 1 s
        common.put("time.scale", "300");

        Map<String, String> orchestratorProps = new LinkedHashMap<>(common);
        orchestratorProps.put("http.port", String.valueOf(orchestratorPort));
        orchestratorProps.put("jwt.secret", secret);
        orchestratorProps.put("admin.email", "admin@optiinfra.test");
        orchestratorProps.put("admin.password", adminPassword);
        platform.put("cloud-simulator", simulator);
        platform.put("orchestrator", track(launcher.launch("orchestrator", "orchestrator", orchestratorProps)));
        relaunch.put("orchestrator", () -> launcher.launch("orchestrator", "orchestrator", orchestratorProps));
        // Agents and the collector retry until the orchestrator answers, so they boot alongside it.
        healthUrls.clear();
        healthUrls.put("cloud-simulator", simulatorUrl + "/health");
        healthUrls.put("orchestrator", orchestratorUrl + "/health");
        for (String[] worker : WORKERS) {
            int port = FreePorts.next();
            Map<String, String> props = new LinkedHashMap<>(common);
            props.put("http.port", String.valueOf(port));
            props.put("agent.instance", worker[0]);
            platform.put(worker[0], track(launcher.launch(worker[0], worker[1], props)));
            relaunch.put(worker[0], () -> launcher.launch(worker[0], worker[1], props));
            healthUrls.put(worker[0], "http://127.0.0.1:" + port + "/health");
        }
        // The customer portal: a client of the orchestrator's public API, like a browser would be.
        int portalPort = FreePorts.next();
        String portalUrl = "http://127.0.0.1:" + portalPort;
        Map<String, String> portalProps = Map.of("http.port", String.valueOf(portalPort), "orchestrator.url", orchestratorUrl);
        platform.put("portal", track(launcher.launch("portal", "portal", portalProps)));
        relaunch.put("portal", () -> launcher.launch("portal", "portal", portalProps));
        healthUrls.put("portal", portalUrl + "/health");
        healthUrls.forEach((name, url) -> launcher.awaitHealthy(platform.get(name), url, BOOT_TIMEOUT));
        registerFaultTargets(chHttpPort, chTcpPort);
        System.out.println("[optiinfra-e2e] portal: " + portalUrl + "  orchestrator: " + orchestratorUrl);

        return new EnvironmentSettings(orchestratorUrl, simulatorUrl, pgUrl, "postgres", "postgres", chUrl, redisUrl,
                serviceToken, agentToken, "admin@optiinfra.test", adminPassword,
                Duration.ofMillis(Long.parseLong(common.get("telemetry.interval.ms"))),
                Duration.ofMillis(Long.parseLong(common.get("agent.offline.ms"))),
                Double.parseDouble(common.get("time.scale")), logDir, secret, portalUrl);
    }

    private PostgresProcess startPostgres(int port) {
        try {
            PostgresProcess started = PostgresProcess.start(root, logDir, port, Map.of(
                    "max_connections", "200", "fsync", "off", "synchronous_commit", "off", "full_page_writes", "off"));
            started.awaitReady(BOOT_TIMEOUT);
            return started;
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not start", e);
        }
    }

    /** Warm: the platform's JVMs mapped this build's class data sharing archive; cold: the first boot of a build. */
    @Override
    public String bootKind() {
        return launcher == null ? "" : launcher.warm() ? "warm" : "cold";
    }

    @Override
    public java.util.Optional<FaultControl> faultControl() {
        return java.util.Optional.of(faults);
    }

    /** Every platform process but the simulator (it is the cloud, not the platform) and every store. */
    private void registerFaultTargets(int chHttpPort, int chTcpPort) {
        for (String name : relaunch.keySet()) {
            faults.register(name, new LocalFaultControl.Target() {
                public ManagedProcess process() { return platform.get(name); }
                public void stop() { platform.get(name).close(); }
                public ManagedProcess start() throws IOException {
                    ManagedProcess started = track(relaunch.get(name).start());
                    platform.put(name, started);
                    return started;
                }
                public void awaitReady(ManagedProcess started) {
                    launcher.awaitHealthy(started, healthUrls.get(name), BOOT_TIMEOUT);
                }
            });
        }
        faults.register(FaultControl.POSTGRES, new LocalFaultControl.Target() {
            public ManagedProcess process() { return postgres.postmaster(); }
            public void stop() { postgres.stopPostmaster(); }
            public ManagedProcess start() throws IOException { return postgres.startPostmaster(); }
            public void awaitReady(ManagedProcess started) { postgres.awaitReady(BOOT_TIMEOUT); }
        });
        if (redis.managed() != null) {
            faults.register(FaultControl.REDIS, new LocalFaultControl.Target() {
                public ManagedProcess process() { return redis.managed(); }
                public void stop() { redis.managed().close(); }
                public ManagedProcess start() throws IOException { return track(redis.relaunch()); }
                public void awaitReady(ManagedProcess started) { PlatformLauncher.awaitPort(started, redis.port(), BOOT_TIMEOUT); }
            });
        }
        faults.register(FaultControl.CLICKHOUSE, new LocalFaultControl.Target() {
            public ManagedProcess process() { return clickhouse; }
            public void stop() { clickhouse.close(); }
            public ManagedProcess start() throws IOException {
                clickhouse = track(ClickHouseProcess.start(root.resolve("clickhouse"), logDir, chHttpPort, chTcpPort));
                return clickhouse;
            }
            public void awaitReady(ManagedProcess started) {
                launcher.awaitHealthy(started, "http://127.0.0.1:" + chHttpPort + "/ping", BOOT_TIMEOUT);
            }
        });
    }

    private ManagedProcess track(ManagedProcess process) {
        synchronized (processes) {
            processes.add(process);
        }
        return process;
    }

    @FunctionalInterface
    private interface Launch {
        ManagedProcess start() throws IOException;
    }

    @Override
    public Map<String, String> logTails(int lines) {
        Map<String, String> tails = new LinkedHashMap<>();
        synchronized (processes) {
            processes.forEach(p -> tails.put(p.name(), p.tail(lines)));
        }
        return tails;
    }

    @Override
    public synchronized void close() {
        faults.resumeAll();
        List<ManagedProcess> stopping;
        synchronized (processes) {
            stopping = new ArrayList<>(processes);
            processes.clear();
        }
        // the platform's JVMs together (each writes its coverage on the way out), then the stores together
        List<ManagedProcess> stores = new ArrayList<>();
        stores.add(clickhouse);
        stores.add(redis == null ? null : redis.managed());
        ManagedProcess.closeAll(stopping.stream().filter(p -> !stores.contains(p)).toList());
        if (launcher != null) {
            launcher.publishClassDataSharing();
        }
        ManagedProcess.closeAll(stopping.stream().filter(stores::contains).toList());
        if (redis != null) {
            redis.close();
            redis = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    static String randomHex(int bytes) {
        byte[] buffer = new byte[bytes];
        new SecureRandom().nextBytes(buffer);
        return HexFormat.of().formatHex(buffer);
    }
}
