package io.optiinfra.e2e.support.env;

import org.testng.annotations.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.testng.Assert.expectThrows;

/** The settings file's keys are declared once: what make up writes, external and up read back unchanged. */
public class TopologyTest {

    @Test
    public void settingsSurviveTheSettingsFile() {
        EnvironmentSettings written = new EnvironmentSettings("http://127.0.0.1:1", "http://127.0.0.1:2",
                "jdbc:postgresql://127.0.0.1:3/postgres", "pg-user", "pg-secret", "jdbc:clickhouse://127.0.0.1:4/default",
                "redis://127.0.0.1:5", "svc", "agent", "admin@optiinfra.test", "admin-secret", Duration.ofMillis(500),
                Duration.ofMillis(1500), 60.0, Path.of("/tmp/logs"), "jwt", "http://127.0.0.1:6");
        Map<String, String> file = Topology.properties(written);

        EnvironmentSettings read = Topology.settings(values(file));

        assertThat(read, equalTo(written));
    }

    @Test
    public void aMissingRequiredKeyIsNamed() {
        Map<String, String> file = Map.of("orchestrator.url", "http://127.0.0.1:1");
        IllegalStateException missing = expectThrows(IllegalStateException.class, () -> Topology.settings(values(file)));
        assertThat(missing.getMessage(), containsString("cloudsim.url"));
    }

    private static Topology.Values values(Map<String, String> file) {
        return new Topology.Values() {
            @Override
            public String required(String key) {
                String value = file.get(key);
                if (value == null) {
                    throw new IllegalStateException("missing " + key);
                }
                return value;
            }

            @Override
            public String optional(String key, String fallback) {
                return file.getOrDefault(key, fallback);
            }
        };
    }
}
