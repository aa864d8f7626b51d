package io.optiinfra.e2e.support.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code GET /customers/{id}/agent-install-command} (SPEC §5). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InstallCommand(
        @JsonProperty("install_command") String installCommand,
        @JsonProperty("agent_token") String agentToken) {

    /** {@code POST /agent-runtime/connect} (SPEC §5). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Connected(@JsonProperty("connected") Boolean connected) {}
}
