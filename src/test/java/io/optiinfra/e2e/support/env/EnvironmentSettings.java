package io.optiinfra.e2e.support.env;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the platform under test lives and the credentials the suite needs to reach it and its stores.
 * Every environment mode ends up as one of these; tests only ever see this.
 */
public record EnvironmentSettings(
        String orchestratorUrl,
        String cloudSimulatorUrl,
        String postgresUrl,
        String postgresUser,
        String postgresPassword,
        String clickhouseUrl,
        String redisUrl,
        String serviceToken,
        String agentToken,
        String adminEmail,
        String adminPassword,
        Duration telemetryInterval,
        Duration agentOfflineWindow,
        /** simulated seconds per real second: production durations divided by this are the local ones */
        double timeScale,
        Path logDir) {
}
