package io.optiinfra.e2e.support.env;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        return new EnvironmentSettings(
                require("orchestrator.url"), require("cloudsim.url"),
                require("pg.url"), value("pg.user", "postgres"), value("pg.password", "postgres"),
                require("ch.url"), require("redis.url"),
                require("service.token"), require("agent.token"),
                require("admin.email"), require("admin.password"),
                Duration.ofMillis(Long.parseLong(value("telemetry.interval.ms", "1000"))),
                Duration.ofMillis(Long.parseLong(value("agent.offline.ms", "30000"))),
                Double.parseDouble(value("time.scale", "60")),
                Path.of(value("log.dir", "target/e2e-env/logs")),
                value("jwt.secret", null),
                value("portal.url", null));
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
