package io.optiinfra.e2e.support.env;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.containers.wait.strategy.WaitStrategy;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * {@code -Denv=docker}: the topology of docker-compose.e2e.yml (stores, cloud simulator, orchestrator, agents,
 * collector) as containers on one Docker network, started through Testcontainers with health waits. Containers are
 * named {@code optiinfra-e2e-<run>-<service>} and labelled {@code optiinfra.e2e.run=<run>}; their output streams to
 * target/e2e-env/logs/<service>.log. Images: see {@link DockerImages} ({@code make images} builds them).
 */
public final class DockerEnvironment implements Environment {
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(420); // a budget for a loaded 2-core machine, not a speed claim
    static final int ORCHESTRATOR_PORT = 8001;
    static final int SIMULATOR_PORT = 4567;
    static final int WORKER_PORT = 8080;
    /** Platform worker containers: {service name, role}, as in docker-compose.e2e.yml and the local mode. */
    static final int PORTAL_PORT = 3001;

    private final Path logDir;
    private final String runId;
    private final Map<String, GenericContainer<?>> containers = new LinkedHashMap<>();
    private final Map<String, ContainerLogFile> logs = new LinkedHashMap<>();
    private final DockerFaultControl faults = new DockerFaultControl();
    private final PortReservations ports = new PortReservations();
    private Network network;

    public DockerEnvironment(Path root) {
        this.logDir = root.resolve("logs");
        this.runId = System.getProperty("optiinfra.docker.run", LocalEnvironment.randomHex(4));
    }

    @Override
    public EnvironmentSettings start() throws Exception {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("-Denv=docker needs a Docker engine and this machine has none; "
                    + "use -Denv=local (the default) or -Denv=external, or `make test-docker`, which starts one");
        }
        DockerImages images = DockerImages.fromSystemProperties();
        requireLocalPlatformImage(images.platform());
        resetLogDir();
        String pgPassword = LocalEnvironment.randomHex(12);
        String serviceToken = LocalEnvironment.randomHex(24);
        String agentToken = LocalEnvironment.randomHex(24);
        String adminPassword = LocalEnvironment.randomHex(12);
        network = Network.builder().createNetworkCmdModifier(cmd -> cmd.withName(containerName("net"))).build();

        GenericContainer<?> postgres = faultTarget(FaultControl.POSTGRES, container("postgres", images.postgres(), 5432)
                .withEnv("POSTGRES_PASSWORD", pgPassword)
                .withCommand("postgres", "-c", "max_connections=200", "-c", "fsync=off", "-c", "synchronous_commit=off",
                        "-c", "full_page_writes=off"), Wait.forSuccessfulCommand("pg_isready -h 127.0.0.1 -U postgres"));
        GenericContainer<?> clickhouse = faultTarget(FaultControl.CLICKHOUSE, container("clickhouse", images.clickhouse(), 8123)
                .withEnv("CLICKHOUSE_SKIP_USER_SETUP", "1"), // official image: keep `default` without password, any host
                Wait.forHttp("/ping").forPort(8123).forStatusCode(200));
        GenericContainer<?> redis = faultTarget(FaultControl.REDIS, container("redis", images.redis(), 6379)
                .withCommand("redis-server", "--bind", "0.0.0.0", "--protected-mode", "no", "--save", "", "--appendonly", "no"),
                Wait.forSuccessfulCommand("redis-cli ping | grep -q PONG"));

        Map<String, String> common = new LinkedHashMap<>();
        common.put("pg.url", "jdbc:postgresql://postgres:5432/postgres");
        common.put("pg.user", "postgres");
        common.put("pg.password", pgPassword);
        common.put("ch.url", "jdbc:clickhouse://clickhouse:8123/default");
        common.put("redis.url", "redis://redis:6379");
        common.put("service.token", serviceToken);
        common.put("agent.token", agentToken);
        common.put("orchestrator.url", "http://orchestrator:" + ORCHESTRATOR_PORT);
        common.put("cloudsim.url", "http://cloud-simulator:" + SIMULATOR_PORT);
        common.putAll(timing());

        GenericContainer<?> simulator = platform("cloud-simulator", "cloud-simulator", SIMULATOR_PORT, images, Map.of());
        Map<String, String> orchestratorProps = new LinkedHashMap<>(common);
        String jwtSecret = LocalEnvironment.randomHex(32);
        orchestratorProps.put("jwt.secret", jwtSecret);
        orchestratorProps.put("admin.email", "admin@optiinfra.test");
        orchestratorProps.put("admin.password", adminPassword);
        GenericContainer<?> orchestrator = platform("orchestrator", "orchestrator", ORCHESTRATOR_PORT, images, orchestratorProps);
        List<GenericContainer<?>> workers = new ArrayList<>();
        for (Topology.Worker worker : Topology.WORKERS) {
            Map<String, String> props = new LinkedHashMap<>(common);
            props.put("agent.instance", worker.name());
            workers.add(platform(worker.name(), worker.role(), WORKER_PORT, images, props));
        }

        // stores and the simulator first, then the orchestrator with the agents and collector (they retry until it answers)
        startAll(List.of(postgres, clickhouse, redis, simulator));
        // the customer portal: a client of the orchestrator's public API, like a browser would be
        GenericContainer<?> portal = platform("portal", "portal", PORTAL_PORT, images,
                Map.of("orchestrator.url", "http://orchestrator:" + ORCHESTRATOR_PORT));
        List<GenericContainer<?>> platform = new ArrayList<>(workers);
        platform.add(0, orchestrator);
        platform.add(portal);
        startAll(platform);

        String host = "127.0.0.1"; // published ports listen on the host's loopback (no NAT on these machines)
        Map<String, String> timing = timing();
        return new EnvironmentSettings(
                "http://" + host + ":" + orchestrator.getMappedPort(ORCHESTRATOR_PORT),
                "http://" + host + ":" + simulator.getMappedPort(SIMULATOR_PORT),
                "jdbc:postgresql://" + host + ":" + postgres.getMappedPort(5432) + "/postgres", "postgres", pgPassword,
                "jdbc:clickhouse://" + host + ":" + clickhouse.getMappedPort(8123) + "/default",
                "redis://" + host + ":" + redis.getMappedPort(6379),
                serviceToken, agentToken, "admin@optiinfra.test", adminPassword,
                Duration.ofMillis(Long.parseLong(timing.get("telemetry.interval.ms"))),
                Duration.ofMillis(Long.parseLong(timing.get("agent.offline.ms"))),
                Double.parseDouble(timing.get("time.scale")), logDir, jwtSecret,
                "http://" + host + ":" + portal.getMappedPort(PORTAL_PORT));
    }

    /**
     * The platform's timing under test. Gentler than the local mode's (time scale 300, offline after 1.5 s): every
     * request crosses Docker's port proxy and the containers share the same cores, so a 5-minute production soak lasts
     * 5 s here (time scale 60) and an agent is offline after 5 s without heartbeats. Tests derive their bounds from
     * these settings; docker-compose.e2e.yml and env/compose.properties state the same (ComposeTopologyTest).
     */
    static Map<String, String> timing() {
        Map<String, String> timing = new LinkedHashMap<>();
        timing.put("agent.heartbeat.ms", "500");
        timing.put("agent.offline.ms", "5000");
        timing.put("task.claim.idle.ms", "3000");
        timing.put("telemetry.interval.ms", "500");
        timing.put("time.scale", "60");
        return timing;
    }

    /**
     * A container publishing its port on a host port chosen now, not by Docker at start: a container the fault tests
     * stop and start again keeps answering where the suite already connects.
     */
    private GenericContainer<?> container(String service, String image, int port) {
        ContainerLogFile log = new ContainerLogFile(logDir.resolve(service + ".log"));
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
                .withNetwork(network)
                .withNetworkAliases(service)
                .withExposedPorts(port)
                .withLabel("optiinfra.e2e.run", runId)
                .withCreateContainerCmdModifier(cmd -> cmd.withName(containerName(service)))
                .withLogConsumer(log);
        container.setPortBindings(List.of(ports.reserve() + ":" + port));
        containers.put(service, container);
        logs.put(service, log);
        return container;
    }

    /** Registers the container with the fault control (kill, pause, stop, start) and waits for it with readiness. */
    private GenericContainer<?> faultTarget(String name, GenericContainer<?> container, WaitStrategy readiness) {
        faults.register(name, new DockerFaultControl.Target(container, readiness, logs.get(name)));
        return container.waitingFor(readiness);
    }

    private GenericContainer<?> platform(String service, String role, int port, DockerImages images,
                                         Map<String, String> properties) {
        WaitStrategy health = Wait.forHttp("/health").forPort(port).forStatusCode(200).withStartupTimeout(BOOT_TIMEOUT);
        GenericContainer<?> container = container(service, images.platform(), port)
                .withCommand(role)
                .withEnv("OPTIINFRA_HTTP_PORT", String.valueOf(port));
        properties.forEach((key, value) -> container.withEnv(envName(key), value));
        // every platform process but the simulator (it is the cloud, not the platform), as in the local mode
        return "cloud-simulator".equals(service) ? container.waitingFor(health) : faultTarget(service, container, health);
    }

    private void startAll(List<GenericContainer<?>> batch) {
        batch.forEach(c -> c.withStartupTimeout(BOOT_TIMEOUT));
        try {
            Startables.deepStart(batch).join();
        } catch (CompletionException e) {
            throw new IllegalStateException("a container did not become healthy (logs: " + logDir.toAbsolutePath()
                    + "): " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** OPTIINFRA_<KEY>, the platform's environment-variable form of a config key (see Config). */
    static String envName(String key) {
        return "OPTIINFRA_" + key.toUpperCase().replace('.', '_').replace('-', '_');
    }

    private String containerName(String service) {
        return "optiinfra-e2e-" + runId + "-" + service;
    }

    private static void requireLocalPlatformImage(String image) {
        try {
            DockerClientFactory.lazyClient().inspectImageCmd(image).exec();
        } catch (RuntimeException e) {
            throw new IllegalStateException("the platform image " + image + " is missing: run `make images` "
                    + "(it builds the platform from target/ and, offline, the store images)", e);
        }
    }

    private void resetLogDir() throws IOException {
        Files.createDirectories(logDir);
        try (var files = Files.list(logDir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file); // one run's logs per directory: a stale tail would mislead
            }
        }
    }

    @Override
    public Map<String, String> logTails(int lines) {
        Map<String, String> tails = new LinkedHashMap<>();
        for (String service : containers.keySet()) {
            Path file = logDir.resolve(service + ".log");
            try {
                List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
                tails.put(service, String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())));
            } catch (IOException e) {
                tails.put(service, "(no log: " + e.getMessage() + ")");
            }
        }
        return tails;
    }

    @Override
    public Optional<FaultControl> faultControl() {
        return Optional.of(faults);
    }

    @Override
    public synchronized void close() {
        faults.resumeAll();
        List<GenericContainer<?>> stopping = new ArrayList<>(containers.values());
        containers.clear();
        for (int i = stopping.size() - 1; i >= 0; i--) { // platform first, stores last
            try {
                stopping.get(i).stop();
            } catch (RuntimeException e) {
                System.err.println("container " + stopping.get(i).getContainerName() + " did not stop: " + e.getMessage());
            }
        }
        ports.close();
        if (network != null) {
            try {
                network.close();
            } catch (RuntimeException e) {
                System.err.println("network did not close: " + e.getMessage());
            }
            network = null;
        }
        logs.values().forEach(ContainerLogFile::close);
        logs.clear();
    }
}
