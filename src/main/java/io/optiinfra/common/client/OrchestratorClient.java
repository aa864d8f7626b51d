package io.optiinfra.common.client;

import io.optiinfra.common.Config;

import java.util.Map;

/** How platform processes reach the orchestrator: agents with the agent token, the collector with the service token. */
public final class OrchestratorClient {
    private OrchestratorClient() {}

    /** Bearer platform-agent token, for /orchestrator/** agent routes. */
    public static JsonHttp forAgents() {
        return new JsonHttp(Config.require("orchestrator.url"),
                Map.of("Authorization", "Bearer " + Config.require("agent.token")));
    }

    /** X-Service-Token, for /internal/** routes. */
    public static JsonHttp forServices() {
        return new JsonHttp(Config.require("orchestrator.url"),
                Map.of("X-Service-Token", Config.require("service.token")));
    }
}
