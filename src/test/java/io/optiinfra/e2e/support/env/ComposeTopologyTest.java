package io.optiinfra.e2e.support.env;

import org.testng.annotations.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.hasItem;

/**
 * docker-compose.e2e.yml, DockerEnvironment and env/compose.properties describe one topology: the same services,
 * the seed's ports, the same timing, and no secret written into the compose file.
 */
public class ComposeTopologyTest {
    private static final Path PROJECT = Path.of(System.getProperty("optiinfra.projectDir", "."));
    /** The seed's published ports (SPEC §3), service → "127.0.0.1:host:container". */
    private static final Map<String, String> SEED_PORTS = Map.of(
            "postgres", "127.0.0.1:5433:5432", "clickhouse", "127.0.0.1:8124:8123", "redis", "127.0.0.1:6380:6379",
            "cloud-simulator", "127.0.0.1:4567:4567", "orchestrator", "127.0.0.1:8001:8001", "portal", "127.0.0.1:3001:3001");

    @Test
    public void composeRunsExactlyTheDockerEnvironmentsServices() throws IOException {
        Map<String, Map<String, Object>> services = services();
        Set<String> expected = new LinkedHashSet<>(List.of("postgres", "clickhouse", "redis", "cloud-simulator", "orchestrator", "portal"));
        for (Topology.Worker worker : Topology.WORKERS) {
            expected.add(worker.name());
            assertThat("compose service " + worker.name() + " runs role " + worker.role(),
                    services.getOrDefault(worker.name(), Map.of()).get("command"), equalTo(List.of(worker.role())));
        }
        assertThat(services.keySet(), equalTo(expected));
    }

    @Test
    public void composePublishesTheSeedsPortsOnLoopback() throws IOException {
        Map<String, Map<String, Object>> services = services();
        SEED_PORTS.forEach((service, port) -> assertThat(service + " ports",
                services.getOrDefault(service, Map.of()).get("ports"), equalTo(List.of(port))));
        Properties compose = properties("env/compose.properties");
        assertThat(compose, hasEntry("orchestrator.url", "http://127.0.0.1:8001"));
        assertThat(compose, hasEntry("cloudsim.url", "http://127.0.0.1:4567"));
        assertThat(compose, hasEntry("pg.url", "jdbc:postgresql://127.0.0.1:5433/postgres"));
        assertThat(compose, hasEntry("ch.url", "jdbc:clickhouse://127.0.0.1:8124/default"));
        assertThat(compose, hasEntry("redis.url", "redis://127.0.0.1:6380"));
        assertThat(compose, hasEntry("portal.url", "http://127.0.0.1:3001"));
    }

    @Test
    public void composeHasNoFixedSecrets() throws IOException {
        List<String> fixed = new ArrayList<>();
        int secrets = 0;
        for (var service : services().entrySet()) {
            for (var env : environment(service.getValue()).entrySet()) {
                if (env.getKey().matches(".*(PASSWORD|SECRET|TOKEN).*")) {
                    secrets++;
                    if (!String.valueOf(env.getValue()).matches("\\$\\{[A-Z_]+:\\?[^}]+}")) {
                        fixed.add(service.getKey() + " " + env.getKey() + "=" + env.getValue());
                    }
                }
            }
        }
        assertThat("the compose file passes secrets (else this proves nothing)", secrets > 5, equalTo(true));
        assertThat("secrets must be required variables ${VAR:?message}", fixed, empty());
    }

    @Test
    public void composeTimingIsTheTimingTheSuiteIsTold() throws IOException {
        Map<String, Object> orchestratorEnv = environment(services().get("orchestrator"));
        DockerEnvironment.timing().forEach((key, value) -> assertThat("orchestrator " + key,
                orchestratorEnv, hasEntry(DockerEnvironment.envName(key), value)));
        Properties compose = properties("env/compose.properties");
        for (String key : List.of("telemetry.interval.ms", "agent.offline.ms", "time.scale")) {
            assertThat("env/compose.properties " + key, Double.parseDouble(compose.getProperty(key, "NaN")),
                    equalTo(Double.parseDouble(DockerEnvironment.timing().get(key))));
        }
        assertThat(new ArrayList<>(environment(services().get("collector-1")).keySet()), hasItem("OPTIINFRA_CH_URL"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        LoaderOptions options = new LoaderOptions();
        try (Reader in = Files.newBufferedReader(PROJECT.resolve("docker-compose.e2e.yml"))) {
            Map<String, Object> compose = new Yaml(options).load(in);
            return (Map<String, Map<String, Object>>) compose.get("services");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Map<String, Object> service) {
        Object env = service == null ? null : service.get("environment");
        return env == null ? Map.of() : (Map<String, Object>) env;
    }

    private static Properties properties(String file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(PROJECT.resolve(file))) {
            properties.load(in);
        }
        return properties;
    }
}
