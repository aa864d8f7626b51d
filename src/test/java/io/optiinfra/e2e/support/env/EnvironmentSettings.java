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
        Path logDir,
        /**
         * the orchestrator's JWT signing secret when this mode knows it (local; external when configured), so the
         * security suite can mint tokens a client could not get otherwise (an expired one); null when unknown
         */
        String jwtSecret,
        /** the customer portal's base URL (null when the mode runs no portal) */
        String portalUrl) {

    /** Settings of a mode that knows the JWT secret but runs no portal. */
    public EnvironmentSettings(String orchestratorUrl, String cloudSimulatorUrl, String postgresUrl, String postgresUser,
                               String postgresPassword, String clickhouseUrl, String redisUrl, String serviceToken,
                               String agentToken, String adminEmail, String adminPassword, Duration telemetryInterval,
                               Duration agentOfflineWindow, double timeScale, Path logDir, String jwtSecret) {
        this(orchestratorUrl, cloudSimulatorUrl, postgresUrl, postgresUser, postgresPassword, clickhouseUrl, redisUrl,
                serviceToken, agentToken, adminEmail, adminPassword, telemetryInterval, agentOfflineWindow, timeScale,
                logDir, jwtSecret, null);
    }

    /** Settings of a mode that does not know the JWT secret. */
    public EnvironmentSettings(String orchestratorUrl, String cloudSimulatorUrl, String postgresUrl, String postgresUser,
                               String postgresPassword, String clickhouseUrl, String redisUrl, String serviceToken,
                               String agentToken, String adminEmail, String adminPassword, Duration telemetryInterval,
                               Duration agentOfflineWindow, double timeScale, Path logDir) {
        this(orchestratorUrl, cloudSimulatorUrl, postgresUrl, postgresUser, postgresPassword, clickhouseUrl, redisUrl,
                serviceToken, agentToken, adminEmail, adminPassword, telemetryInterval, agentOfflineWindow, timeScale,
                logDir, null, null);
    }

    /** The JWT secret, or empty with nothing to mint tokens with. */
    public java.util.Optional<String> jwtSigningSecret() {
        return java.util.Optional.ofNullable(jwtSecret);
    }
}
