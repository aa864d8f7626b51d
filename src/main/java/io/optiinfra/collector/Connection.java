package io.optiinfra.collector;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** A customer whose runtime connected, as {@code GET /internal/runtime/connections} lists it. */
public record Connection(String customerId, String cloudProvider, String region, String connectedAt) {

    /** The entries of the answer that name a customer; anything else is skipped rather than failing the tick. */
    public static List<Connection> parseAll(JsonNode answer) {
        if (answer == null || !answer.isArray()) {
            throw new IllegalArgumentException("runtime connections must be a JSON array, got " + answer);
        }
        List<Connection> connections = new ArrayList<>();
        for (JsonNode entry : answer) {
            String customerId = text(entry, "customer_id");
            if (customerId != null && !customerId.isBlank()) {
                connections.add(new Connection(customerId, text(entry, "cloud_provider"), text(entry, "region"),
                        text(entry, "connected_at")));
            }
        }
        return connections;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
