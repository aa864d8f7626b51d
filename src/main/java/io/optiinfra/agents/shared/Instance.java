package io.optiinfra.agents.shared;

import com.fasterxml.jackson.databind.JsonNode;

/** An instance of the customer's inventory (context row; simulator fields come from {@code details}). */
public record Instance(String id, String instanceType, String cloud, String region, String market, String state,
                       String deploymentId, String role) {

    static Instance parse(JsonNode row) {
        JsonNode d = row.path("details");
        return new Instance(text(row, d, "id"), text(row, d, "instance_type"), text(row, d, "cloud"),
                text(row, d, "region"), text(row, d, "market"), text(row, d, "state"), text(d, d, "deployment_id"),
                text(d, d, "role"));
    }

    /** The row's own field first, then the simulator's copy in details. */
    private static String text(JsonNode row, JsonNode details, String field) {
        JsonNode v = row.hasNonNull(field) ? row.get(field) : details.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    public boolean running() {
        return "running".equals(state);
    }

    public boolean onDemand() {
        return market == null || InstancePrice.ON_DEMAND.equals(market);
    }
}
