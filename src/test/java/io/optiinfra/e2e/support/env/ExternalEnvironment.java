package io.optiinfra.e2e.support.env;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * A platform deployed elsewhere: URLs and credentials come from a properties file ({@code -Denv.file=...}) or
 * environment variables ({@code OPTIINFRA_ORCHESTRATOR_URL}, ...). Provisions nothing, tears down nothing.
 */
public final class ExternalEnvironment implements Environment {
    private final Properties file = new Properties();

    public ExternalEnvironment(Path propertiesFile) throws IOException {
        if (propertiesFile != null && Files.exists(propertiesFile)) {
            try (InputStream in = Files.newInputStream(propertiesFile)) {
                file.load(in);
            }
        }
    }

    @Override
    public EnvironmentSettings start() {
        return Topology.settings(new Topology.Values() {
            @Override
            public String required(String key) {
                return require(key);
            }

            @Override
            public String optional(String key, String fallback) {
                return value(key, fallback);
            }
        });
    }

    private String require(String key) {
        String value = value(key, null);
        if (value == null) {
            throw new IllegalStateException("external environment: set " + key + " in the properties file or "
                    + envName(key) + " in the environment");
        }
        return value;
    }

    private String value(String key, String fallback) {
        String fromEnv = System.getenv(envName(key));
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        return file.getProperty(key, fallback);
    }

    private static String envName(String key) {
        return "OPTIINFRA_" + key.toUpperCase().replace('.', '_');
    }

    @Override
    public String faultControlUnavailableReason() {
        return "-Denv=external: the platform runs elsewhere and the suite does not own its processes or stores, so it "
                + "cannot kill, pause or restart them";
    }

    @Override
    public Map<String, String> logTails(int lines) {
        return Map.of();
    }

    @Override
    public void close() {
        // nothing was provisioned
    }
}
