package io.optiinfra.e2e.support.env;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform's shape, declared once for every mode: its worker processes (local and docker start them, the compose
 * file runs them, {@link ComposeTopologyTest} checks that), and the keys of a settings file (what {@code make up}
 * writes and {@code -Denv=external}/{@code up} read).
 */
public final class Topology {
    /** A platform worker process: its instance name (the compose service) and its role (the platform's main arg). */
    public record Worker(String name, String role) {}

    /** Two cost agents, so a dead one's tasks have somewhere to go. */
    public static final List<Worker> WORKERS = List.of(new Worker("cost-agent-1", "cost-agent"),
            new Worker("cost-agent-2", "cost-agent"), new Worker("performance-agent-1", "performance-agent"),
            new Worker("resource-agent-1", "resource-agent"), new Worker("application-agent-1", "application-agent"),
            new Worker("collector-1", "collector"));

    private Topology() {}

    /** The settings as a settings file's keys and values (the inverse of {@link #settings}). */
    static Map<String, String> properties(EnvironmentSettings s) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("orchestrator.url", s.orchestratorUrl());
        p.put("cloudsim.url", s.cloudSimulatorUrl());
        p.put("pg.url", s.postgresUrl());
        p.put("pg.user", s.postgresUser());
        p.put("pg.password", s.postgresPassword());
        p.put("ch.url", s.clickhouseUrl());
        p.put("redis.url", s.redisUrl());
        p.put("service.token", s.serviceToken());
        p.put("agent.token", s.agentToken());
        p.put("admin.email", s.adminEmail());
        p.put("admin.password", s.adminPassword());
        p.put("telemetry.interval.ms", String.valueOf(s.telemetryInterval().toMillis()));
        p.put("agent.offline.ms", String.valueOf(s.agentOfflineWindow().toMillis()));
        p.put("time.scale", String.valueOf(s.timeScale()));
        p.put("log.dir", s.logDir().toAbsolutePath().toString());
        if (s.portalUrl() != null) {
            p.put("portal.url", s.portalUrl());
        }
        s.jwtSigningSecret().ifPresent(secret -> p.put("jwt.secret", secret));
        return p;
    }

    /** A settings file's values: a required key fails naming itself; an optional one may answer null. */
    interface Values {
        String required(String key);

        String optional(String key, String fallback);
    }

    /** The settings from a settings file, by the keys {@link #properties} writes. */
    static EnvironmentSettings settings(Values v) {
        return new EnvironmentSettings(
                v.required("orchestrator.url"), v.required("cloudsim.url"),
                v.required("pg.url"), v.optional("pg.user", "postgres"), v.optional("pg.password", "postgres"),
                v.required("ch.url"), v.required("redis.url"),
                v.required("service.token"), v.required("agent.token"),
                v.required("admin.email"), v.required("admin.password"),
                Duration.ofMillis(Long.parseLong(v.optional("telemetry.interval.ms", "1000"))),
                Duration.ofMillis(Long.parseLong(v.optional("agent.offline.ms", "30000"))),
                Double.parseDouble(v.optional("time.scale", "60")),
                java.nio.file.Path.of(v.optional("log.dir", "target/e2e-env/logs")),
                v.optional("jwt.secret", null),
                v.optional("portal.url", null));
    }
}
