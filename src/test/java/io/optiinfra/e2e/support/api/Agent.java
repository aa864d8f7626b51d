package io.optiinfra.e2e.support.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** One entry of {@code GET /orchestrator/agents} (SPEC §5); numbers boxed so an omitted one reads null. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Agent(
        @JsonProperty("agent_id") String agentId,
        @JsonProperty("agent_type") String agentType,
        @JsonProperty("version") String version,
        @JsonProperty("capabilities") List<String> capabilities,
        @JsonProperty("hostname") String hostname,
        @JsonProperty("status") String status,
        @JsonProperty("current_tasks") Integer currentTasks,
        @JsonProperty("load") Double load,
        @JsonProperty("registered_at") String registeredAt,
        @JsonProperty("last_heartbeat") String lastHeartbeat) {

    /** {@code POST /orchestrator/agents/register} (SPEC §5). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Registration(
            @JsonProperty("registered") Boolean registered,
            @JsonProperty("agent_id") String agentId) {}
}
