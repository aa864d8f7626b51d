package io.optiinfra.e2e.support.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.filter.Filter;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Black-box client of the cloud simulator (LocalStack's stand-in): its catalog, the customer accounts and the
 * control API for seeding fleets and injecting faults. Talks HTTP only, through a per-instance REST Assured
 * {@link RequestSpecification} (never the static {@code RestAssured.*} globals), so instances are independent and
 * safe to use from parallel tests. Every call asserts the status it expects and fails with method, path, status and
 * body otherwise. Results are Jackson {@link JsonNode}s (arrays for lists).
 */
public final class CloudSimulatorClient {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private final String baseUrl;
    private final RequestSpecification spec;

    public CloudSimulatorClient(String baseUrl, Filter... filters) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.spec = new RequestSpecBuilder()
                .setBaseUri(baseUrl)
                .setContentType(ContentType.JSON)
                .setAccept(ContentType.JSON)
                .addFilters(Arrays.asList(filters))
                .build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    // ----- health and catalog -----

    public JsonNode health() {
        return get("/control/health", 200);
    }

    /** All instance types of both clouds. */
    public JsonNode catalog() {
        return get("/catalog/instance-types", 200);
    }

    public JsonNode instanceType(String cloud, String type) {
        return get("/catalog/instance-types/" + cloud + "/" + type, 200);
    }

    /** Egress prices per GB: {@code [{from_cloud, to_cloud, price_per_gb}]}. */
    public JsonNode egress() {
        return get("/catalog/egress", 200);
    }

    // ----- seeding -----

    /** Seeds a fleet document into the customer's account: {@code {customer_id, name, instances[], deployments[]}}. */
    public JsonNode seedFleet(String customerId, JsonNode fleetDoc) {
        return send("POST", "/control/accounts/" + customerId + "/seed", fleetDoc, 201);
    }

    /** Seeds {@code testdata/fleets/<fleetName>.json}. */
    public JsonNode seedFleetFile(String customerId, String fleetName) {
        return seedFleet(customerId, fleetFile(fleetName));
    }

    /**
     * Reads {@code testdata/fleets/<fleetName>.json}, relative to the system property {@code optiinfra.projectDir}
     * or else the working directory.
     */
    public static JsonNode fleetFile(String fleetName) {
        if (fleetName == null || !fleetName.matches("[A-Za-z0-9._-]+") || fleetName.contains("..")) {
            throw new IllegalArgumentException("not a fleet name: " + fleetName);
        }
        String projectDir = System.getProperty("optiinfra.projectDir", "");
        Path base = projectDir.isBlank() ? Path.of("") : Path.of(projectDir);
        Path file = base.resolve("testdata").resolve("fleets").resolve(fleetName + ".json").toAbsolutePath();
        try {
            return MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fleet file " + file, e);
        }
    }

    // ----- accounts -----

    /** Every instance of the account, whatever its state. */
    public JsonNode instances(String customerId) {
        return get("/accounts/" + customerId + "/instances", 200);
    }

    public JsonNode runningInstances(String customerId) {
        return get("/accounts/" + customerId + "/instances?state=running", 200);
    }

    public JsonNode deployments(String customerId) {
        return get("/accounts/" + customerId + "/deployments", 200);
    }

    public JsonNode deployment(String customerId, String deploymentId) {
        return get("/accounts/" + customerId + "/deployments/" + deploymentId, 200);
    }

    /** {@code {deployment_id, overall{...}, stable{...}, canary{...}|null}}. */
    public JsonNode deploymentMetrics(String customerId, String deploymentId) {
        return get("/accounts/" + customerId + "/deployments/" + deploymentId + "/metrics", 200);
    }

    /** A what-if: the metrics block the deployment would have with {@code changes} (nothing is applied). */
    public JsonNode predict(String customerId, String deploymentId, JsonNode changes) {
        return send("POST", "/accounts/" + customerId + "/deployments/" + deploymentId + "/predict", changes, 200);
    }

    /** {@code {monthly_cost, hourly_cost, instances_running, by_cloud{aws{...}, gcp{...}}}} of running instances. */
    public JsonNode summary(String customerId) {
        return get("/accounts/" + customerId + "/summary", 200);
    }

    // ----- faults -----

    /**
     * Injects a fault into the customer's account; {@code deploymentId} and {@code magnitude} may be null.
     * Returns the fault ({@code fault_id, type, ...}).
     */
    public JsonNode injectFault(String customerId, String type, String deploymentId, Double magnitude) {
        return injectFault(customerId, type, deploymentId, magnitude, null);
    }

    /** As {@link #injectFault(String, String, String, Double)}, with a {@code count} (for {@code api_error}). */
    public JsonNode injectFault(String customerId, String type, String deploymentId, Double magnitude,
                                Integer count) {
        ObjectNode body = MAPPER.createObjectNode().put("customer_id", customerId).put("type", type);
        if (deploymentId != null) {
            body.put("deployment_id", deploymentId);
        }
        if (magnitude != null) {
            body.put("magnitude", magnitude);
        }
        if (count != null) {
            body.put("count", count);
        }
        return send("POST", "/control/faults", body, 201);
    }

    /**
     * As above, scoped to the mutating calls whose operation starts with {@code operation} (this arms one-shot
     * faults), letting the first {@code skip} matching calls through.
     */
    public JsonNode injectFault(String customerId, String type, String deploymentId, Double magnitude, Integer count,
                                String operation, Integer skip) {
        ObjectNode body = MAPPER.createObjectNode().put("customer_id", customerId).put("type", type);
        if (deploymentId != null) {
            body.put("deployment_id", deploymentId);
        }
        if (magnitude != null) {
            body.put("magnitude", magnitude);
        }
        if (count != null) {
            body.put("count", count);
        }
        if (operation != null) {
            body.put("operation", operation);
        }
        if (skip != null) {
            body.put("skip", skip);
        }
        return send("POST", "/control/faults", body, 201);
    }

    public JsonNode faults(String customerId) {
        return get("/control/faults?customer_id=" + customerId, 200);
    }

    /** Clears every fault of that customer (and only that customer). */
    public JsonNode clearFaults(String customerId) {
        return send("DELETE", "/control/faults?customer_id=" + customerId, null, 200);
    }

    // ----- plumbing -----

    private JsonNode get(String path, int expectedStatus) {
        return send("GET", path, null, expectedStatus);
    }

    private JsonNode send(String method, String path, JsonNode body, int expectedStatus) {
        RequestSpecification request = RestAssured.given(spec);
        if (body != null) {
            request.body(write(body));
        }
        Response response = request.request(method, path);
        String text = response.asString();
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError("cloud simulator " + method + " " + path + ": expected HTTP " + expectedStatus
                    + " but got " + response.statusCode() + ": " + text);
        }
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("cloud simulator " + method + " " + path + " answered non-JSON: " + text, e);
        }
    }

    private static String write(JsonNode body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
