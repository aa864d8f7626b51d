package io.optiinfra.e2e.support.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * {@code GET /health} (SPEC §5), 200 or 503. {@code components} maps a store to "up"/"down" and {@code agents} to an
 * object, so it stays a tree.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Health(
        @JsonProperty("status") String status,
        @JsonProperty("components") JsonNode components,
        @JsonProperty("down") List<String> down) {

    /** "up"/"down" of a store, or null when the answer does not name it. */
    public String component(String store) {
        return components == null ? null : components.path(store).asText(null);
    }

    /** {@code components.agents.active}; null when it is missing or not a number (e.g. "unknown"). */
    public Integer activeAgents() {
        JsonNode active = components == null ? null : components.path("agents").get("active");
        return active != null && active.isInt() ? active.asInt() : null;
    }

    /** {@code components.agents.by_type.<type>}; 0 when the type is not listed. */
    public int activeOf(String agentType) {
        return components == null ? 0 : components.path("agents").path("by_type").path(agentType).asInt(0);
    }
}
