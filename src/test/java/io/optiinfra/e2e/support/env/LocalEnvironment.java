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

    private final Path root;
    private final Path logDir;
    private final List<ManagedProcess> processes = new ArrayList<>();
    private final Map<String, ManagedProcess> platform = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Launch> relaunch = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, String> healthUrls = new java.util.concurrent.ConcurrentHashMap<>();
    private PlatformLauncher launcher;
    private PostgresProcess postgres;
    private RedisProcess redis;
    private volatile ManagedProcess clickhouse;
    private final LocalFaultControl faults = new LocalFaultControl();
    private final PortReservations ports = new PortReservations();
    private final Map<String, Definition> launches = new java.util.concurrent.ConcurrentHashMap<>();
    private final BootRetry retry;
    private volatile String portalUrl;
    private volatile Path chDir;
    private volatile int chHttpPort;
    private volatile int chTcpPort;

    public LocalEnvironment(Path root) {
        this.root = root;
        this.logDir = root.resolve("logs");
        this.retry = new BootRetry(logDir, this::forget);
    }

    @Override
    public EnvironmentSettings start() throws Exception {
        long bootStart = System.nanoTime();
        deleteRecursively(logDir); // one run's logs per directory: a stale tail would mislead
        Files.createDirectories(logDir);
        String secret = randomHex(32);
        String serviceToken = randomHex(24);
        String agentToken = randomHex(24);
        String adminPassword = randomHex(12);

        launcher = new PlatformLauncher(root.resolve("work"), logDir);
        // The simulator needs no store: start it while the stores boot.
        CompletableFuture<Integer> simulatorPort = async(() -> retry.twice("cloud-simulator", attempt -> {
            int port = ports.reserve();
            ManagedProcess simulator = track(launcher.launch("cloud-simulator", "cloud-simulator",
                    Map.of("http.port", String.valueOf(port))));
            launcher.awaitHealthy(simulator, "http://127.0.0.1:" + port + "/health", BOOT_TIMEOUT);
            platform.put("cloud-simulator", simulator);
            return port;
        }));
        CompletableFuture<PostgresProcess> pg = async(() -> retry.twice("postgres", attempt -> startPostgres(ports.reserve())));
        redis = retry.twice("redis", attempt -> startRedis(ports.reserve()));
        clickhouse = retry.twice("clickhouse", attempt -> {
            chHttpPort = ports.reserve();
            chTcpPort = ports.reserve();
            chDir = root.resolve(attempt == 1 ? "clickhouse" : "clickhouse-" + attempt); // no half-written state of attempt 1
            return startClickHouse();
        });
        postgres = join(pg);
        System.out.printf("[optiinfra-e2e] stores ready after %d ms%n", (System.nanoTime() - bootStart) / 1_000_000);

        String pgUrl = postgres.jdbcUrl();
        String chUrl = "jdbc:clickhouse://127.0.0.1:" + chHttpPort + "/default";
        String redisUrl = "redis://127.0.0.1:" + redis.port();
        String simulatorUrl = "http://127.0.0.1:" + join(simulatorPort);

        Map<String, String> common = new LinkedHashMap<>();
        common.put("pg.url", pgUrl);
        common.put("pg.user", "postgres");
        common.put("pg.password", "postgres");
        common.put("ch.url", chUrl);
        common.put("redis.url", redisUrl);
        common.put("service.token", serviceToken);
        common.put("agent.token", agentToken);
        common.put("cloudsim.url", simulatorUrl);

        common.put("agent.heartbeat.ms", "300");
        common.put("agent.offline.ms", "1500");
        common.put("task.claim.idle.ms", "2000");
        common.put("telemetry.interval.ms", "500");
        // 5 production minutes = 1 s: canary soak 1 s, 50 % soak 2 s, rollback bound 1 s
        common.put("time.scale", "300");

        Map<String, String> orchestratorProps = new LinkedHashMap<>(common);
        orchestratorProps.put("jwt.secret", secret);
        orchestratorProps.put("admin.email", "admin@optiinfra.test");
        orchestratorProps.put("admin.password", adminPassword);
        String orchestratorUrl = retry.twice("orchestrator", attempt -> startPlatform(common, orchestratorProps));
        registerFaultTargets();
        System.out.println("[optiinfra-e2e] portal: " + portalUrl + "  orchestrator: " + orchestratorUrl);

        return new EnvironmentSettings(orchestratorUrl, simulatorUrl, pgUrl, "postgres", "postgres", chUrl, redisUrl,
                serviceToken, agentToken, "admin@optiinfra.test", adminPassword,
                Duration.ofMillis(Long.parseLong(common.get("telemetry.interval.ms"))),
                Duration.ofMillis(Long.parseLong(common.get("agent.offline.ms"))),
                Double.parseDouble(common.get("time.scale")), logDir, secret, portalUrl);
    }

    /**
     * The orchestrator on a fresh port with every worker and the portal alongside (they retry until it answers, so
     * they boot together), then each health-waited. A worker that exits before it is ready is started again alone on a
     * fresh port; if the orchestrator does, the whole attempt fails and {@link BootRetry} runs it again, workers
     * included (they were given the dead one's URL).
     */
    private String startPlatform(Map<String, String> common, Map<String, String> orchestratorBase) throws Exception {
        int orchestratorPort = ports.reserve();
        String orchestratorUrl = "http://127.0.0.1:" + orchestratorPort;
        Map<String, String> workerBase = new LinkedHashMap<>(common);
        workerBase.put("orchestrator.url", orchestratorUrl);
        Map<String, String> orchestratorProps = new LinkedHashMap<>(orchestratorBase);
        orchestratorProps.put("orchestrator.url", orchestratorUrl);
        orchestratorProps.put("http.port", String.valueOf(orchestratorPort));
        healthUrls.put("cloud-simulator", common.get("cloudsim.url") + "/health");
        define("orchestrator", "orchestrator", orchestratorProps, orchestratorUrl + "/health");
        for (Topology.Worker worker : Topology.WORKERS) {
            int port = ports.reserve();
            Map<String, String> props = new LinkedHashMap<>(workerBase);
            props.put("http.port", String.valueOf(port));
            props.put("agent.instance", worker.name());
            define(worker.name(), worker.role(), props, "http://127.0.0.1:" + port + "/health");
        }
        // The customer portal: a client of the orchestrator's public API, like a browser would be.
        int portalPort = ports.reserve();
        portalUrl = "http://127.0.0.1:" + portalPort;
        define("portal", "portal", Map.of("http.port", String.valueOf(portalPort), "orchestrator.url", orchestratorUrl),
                portalUrl + "/health");
        try {
            launcher.awaitHealthy(platform.get("orchestrator"), healthUrls.get("orchestrator"), BOOT_TIMEOUT);
        } catch (RuntimeException e) {
            List<ManagedProcess> started = relaunch.keySet().stream().filter(n -> !"orchestrator".equals(n))
                    .map(platform::get).toList();
            ManagedProcess.closeAll(started); // pointed at a dead orchestrator: the next attempt starts them anew
            started.forEach(this::forget);
            throw e;
        }
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (String name : relaunch.keySet().stream().filter(n -> !"orchestrator".equals(n)).toList()) {
            ready.add(async(() -> {
                retry.twice(name, attempt -> {
                    if (attempt > 1) {
                        redefineOnFreshPort(name);
                    }
                    launcher.awaitHealthy(platform.get(name), healthUrls.get(name), BOOT_TIMEOUT);
                    return null;
                });
                return null;
            }));
        }
        for (CompletableFuture<Void> each : ready) {
            join(each);
        }
        return orchestratorUrl;
    }

    /** Launches a platform process and remembers how to launch it again (fault control, a boot retry). */
    private void define(String name, String role, Map<String, String> props, String healthUrl) throws IOException {
        launches.put(name, new Definition(role, Map.copyOf(props)));
        relaunch.put(name, () -> launcher.launch(name, role, launches.get(name).props()));
        healthUrls.put(name, healthUrl);
        platform.put(name, track(relaunch.get(name).start()));
    }

    /** A worker's second attempt: the same settings on a port not yet tried. */
    private void redefineOnFreshPort(String name) throws IOException {
        Definition old = launches.get(name);
        int port = ports.reserve();
        Map<String, String> props = new LinkedHashMap<>(old.props());
        props.put("http.port", String.valueOf(port));
        define(name, old.role(), props, "http://127.0.0.1:" + port + "/health");
    }

    private record Definition(String role, Map<String, String> props) {}

    private RedisProcess startRedis(int port) throws IOException {
        RedisProcess started = RedisProcess.start(root.resolve("redis"), logDir, port);
        if (started.managed() != null) {
            track(started.managed());
            PlatformLauncher.awaitPort(started.managed(), port, BOOT_TIMEOUT);
        }
        return started;
    }

    private ManagedProcess startClickHouse() throws IOException {
        ManagedProcess started = track(ClickHouseProcess.start(chDir, logDir, chHttpPort, chTcpPort));
        launcher.awaitHealthy(started, "http://127.0.0.1:" + chHttpPort + "/ping", BOOT_TIMEOUT);
        return started;
    }

    private PostgresProcess startPostgres(int port) throws IOException {
        PostgresProcess started = PostgresProcess.start(root, logDir, port, Map.of(
                "max_connections", "200", "fsync", "off", "synchronous_commit", "off", "full_page_writes", "off"));
        try {
            started.awaitReady(BOOT_TIMEOUT);
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    /** Boot retries of this start: each with the process, its exit status and its log tails. */
    @Override
    public List<String> bootRetries() {
        return retry.retries();
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
    private void registerFaultTargets() {
        for (String name : List.copyOf(relaunch.keySet())) {
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
                clickhouse = track(ClickHouseProcess.start(chDir, logDir, chHttpPort, chTcpPort));
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

    private void forget(ManagedProcess process) {
        synchronized (processes) {
            processes.remove(process);
        }
    }

    /** Runs boot work on another thread, so the stores and the simulator start side by side. */
    private static <T> CompletableFuture<T> async(java.util.concurrent.Callable<T> work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    /** The future's value, or its own failure (an early exit stays recognisable to {@link BootRetry}). */
    private static <T> T join(CompletableFuture<T> future) throws Exception {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
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
        ports.close();
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
