package io.optiinfra.common.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.common.Config;

import java.util.Map;

/** The platform's client of the cloud simulator's cloud API (not its control API: that is for tests). */
public final class CloudSimClient {
    private final JsonHttp http;

    public CloudSimClient(String baseUrl) {
        this.http = new JsonHttp(baseUrl, Map.of());
    }

    public static CloudSimClient fromConfig() {
        return new CloudSimClient(Config.require("cloudsim.url"));
    }

    public JsonNode instanceTypes() {
        return http.get("/catalog/instance-types").require("instance catalog");
    }

    public JsonNode egress() {
        return http.get("/catalog/egress").require("egress prices");
    }

    public JsonNode instances(String customerId) {
        return http.get("/accounts/" + customerId + "/instances").require("instances");
    }

    public JsonNode deployments(String customerId) {
        return http.get("/accounts/" + customerId + "/deployments").require("deployments");
    }

    public JsonNode deploymentMetrics(String customerId, String deploymentId) {
        return http.get("/accounts/" + customerId + "/deployments/" + deploymentId + "/metrics")
                .require("deployment metrics");
    }

    /** What the deployment's metrics would be with these changes (nothing applied). */
    public JsonNode predict(String customerId, String deploymentId, Map<String, Object> changes) {
        return http.post("/accounts/" + customerId + "/deployments/" + deploymentId + "/predict", changes)
                .require("prediction");
    }

    public JsonNode summary(String customerId) {
        return http.get("/accounts/" + customerId + "/summary").require("account summary");
    }

    /** Raw access for calls whose failure the caller handles itself (e.g. rollout steps). */
    public JsonHttp http() {
        return http;
    }
}
