package io.optiinfra.cloudsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.javalin.Javalin;
import io.optiinfra.e2e.support.cloud.CloudSimulatorClient;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

/** The simulator's HTTP contract, through the suite's client and raw requests for the error cases. */
public class CloudSimulatorHttpTest {
    private Javalin app;
    private CloudSimulatorClient client;
    private RequestSpecification spec;

    @BeforeClass
    public void start() {
        app = CloudSimulatorApp.create(new CloudSimulator()).start("127.0.0.1", 0);
        String base = "http://127.0.0.1:" + app.port();
        client = new CloudSimulatorClient(base);
        spec = new RequestSpecBuilder().setBaseUri(base).setContentType(ContentType.JSON).build();
    }

    @AfterClass(alwaysRun = true)
    public void stop() {
        if (app != null) {
            app.stop();
        }
    }

    private Response post(String path, String body) {
        return RestAssured.given(spec).body(body).post(path);
    }

    @Test
    public void catalogListsTheTypesWithPrices() {
        assertEquals(client.health().get("status").asText(), "ok");
        JsonNode catalog = client.catalog();
        assertTrue(catalog.size() >= 6);
        JsonNode p4d = client.instanceType("aws", "p4d.24xlarge");
        assertEquals(p4d.get("on_demand_hourly").asDouble(), 32.7726);
        assertEquals(p4d.get("spot_hourly").asDouble(), 11.57);
        assertEquals(p4d.get("gpu_count").asInt(), 8);
        assertEquals(p4d.get("regions").get(0).asText(), "us-east-1");
        assertEquals(client.egress().size(), 4);
        assertEquals(RestAssured.given(spec).get("/catalog/instance-types/aws/nope").statusCode(), 404);
    }

    @Test
    public void seedReadAndCostThroughTheClient() {
        String cid = Fleets.customer();
        JsonNode seeded = client.seedFleetFile(cid, "aws-small");
        assertEquals(seeded.get("instances").size(), 3);
        assertEquals(client.runningInstances(cid).size(), 3);
        assertEquals(client.deployments(cid).get(0).get("id").asText(), "llama2-13b-chat");
        JsonNode summary = client.summary(cid);
        assertEquals(summary.get("monthly_cost").asDouble(), 48732.76, 0.01);
        assertEquals(summary.get("by_cloud").get("gcp").get("instances_running").asInt(), 0);
        JsonNode metrics = client.deploymentMetrics(cid, "llama2-13b-chat");
        assertTrue(metrics.get("canary").isNull());
        for (String field : new String[] {"latency_p95_ms", "latency_p99_ms", "throughput_rps", "error_rate",
                "quality_score", "gpu_utilization", "hourly_cost", "monthly_cost"}) {
            assertTrue(metrics.get("overall").get(field).isNumber(), field);
        }
        JsonNode predicted = client.predict(cid, "llama2-13b-chat",
                JsonNodeFactory.instance.objectNode().put("instance_type", "g5.12xlarge").put("instance_count", 1));
        assertTrue(predicted.get("latency_p95_ms").asDouble() < 1000, "right-sizing stays within the SLO");
        assertEquals(predicted.get("monthly_cost").asDouble(), 5.672 * 730, 0.01);
    }

    @Test
    public void instanceLifecycleAndErrors() {
        String cid = Fleets.customer();
        Response created = post("/accounts/" + cid + "/instances",
                "{\"cloud\":\"gcp\",\"region\":\"us-central1\",\"instance_type\":\"g2-standard-8\","
                        + "\"market\":\"spot\",\"count\":2}");
        assertEquals(created.statusCode(), 201, created.asString());
        String id = created.jsonPath().getString("[0].id");
        assertTrue(id.matches("gce-[0-9a-f]{12}"), id);

        Response modified = post("/accounts/" + cid + "/instances/" + id + "/modify", "{\"market\":\"on_demand\"}");
        assertEquals(modified.statusCode(), 200, modified.asString());
        assertEquals(modified.jsonPath().getDouble("hourly_price"), 0.8536, 1e-9);

        for (int i = 0; i < 2; i++) {
            Response terminated = post("/accounts/" + cid + "/instances/" + id + "/terminate", "");
            assertEquals(terminated.statusCode(), 200);
            assertEquals(terminated.jsonPath().getString("state"), "terminated");
        }
        assertEquals(post("/accounts/" + cid + "/instances/i-000000000000/terminate", "").statusCode(), 404);
        assertEquals(RestAssured.given(spec).get("/accounts/" + cid + "/instances?state=terminated")
                .jsonPath().getList("$").size(), 1);

        String[] bad = {
            "{\"cloud\":\"aws\",\"region\":\"us-east-1\",\"instance_type\":\"x9.huge\",\"count\":1}",
            "{\"cloud\":\"aws\",\"region\":\"us-central1\",\"instance_type\":\"p4d.24xlarge\",\"count\":1}",
            "{\"cloud\":\"gcp\",\"region\":\"us-central1\",\"instance_type\":\"p4d.24xlarge\",\"count\":1}",
            "{\"cloud\":\"aws\",\"region\":\"us-east-1\",\"instance_type\":\"p4d.24xlarge\",\"count\":0}",
            "{\"cloud\":\"aws\",\"region\":\"us-east-1\",\"instance_type\":\"p4d.24xlarge\",\"count\":65}",
            "{\"cloud\":\"aws\",\"region\":\"us-east-1\",\"instance_type\":\"p4d.24xlarge\",\"count\":\"2\"}",
            "{not json",
        };
        for (String body : bad) {
            Response r = post("/accounts/" + cid + "/instances", body);
            assertEquals(r.statusCode(), 400, body + " -> " + r.asString());
            assertEquals(r.jsonPath().getString("error"), "bad_request");
            assertTrue(r.jsonPath().getString("message").length() > 0);
        }
    }

    @Test
    public void faultsAnswerWithTheirStatusCodes() {
        String cid = Fleets.customer();
        client.seedFleetFile(cid, "aws-medium");
        String spot = "{\"cloud\":\"aws\",\"region\":\"us-east-1\",\"instance_type\":\"p4d.24xlarge\","
                + "\"market\":\"spot\",\"count\":6,\"deployment_id\":\"llama2-70b-chat\",\"role\":\"canary\"}";

        client.injectFault(cid, "spot_capacity_unavailable", null, null);
        Response refused = post("/accounts/" + cid + "/instances", spot);
        assertEquals(refused.statusCode(), 503);
        assertEquals(refused.jsonPath().getString("error"), "insufficient_capacity");
        client.clearFaults(cid);

        client.injectFault(cid, "api_error", null, null);
        Response failed = post("/accounts/" + cid + "/instances", spot);
        assertEquals(failed.statusCode(), 500);
        assertEquals(failed.jsonPath().getString("error"), "cloud_api_error");
        assertEquals(post("/accounts/" + cid + "/instances", spot).statusCode(), 201, "count defaults to 1");

        JsonNode interruption = client.injectFault(cid, "spot_interruption", "llama2-70b-chat", null);
        assertEquals(interruption.get("affected_instance_ids").size(), 6);
        assertTrue(interruption.get("fault_id").asText().startsWith("flt-"));
        assertEquals(client.faults(cid).size(), 2);
        assertEquals(client.clearFaults(cid).get("cleared").asInt(), 2);

        assertEquals(post("/control/faults", "{\"customer_id\":\"" + cid + "\",\"type\":\"nope\"}").statusCode(), 400);
        assertEquals(RestAssured.given(spec).delete("/control/faults").statusCode(), 400, "customer_id is required");
        AssertionError clientError = expectThrows(AssertionError.class,
                () -> client.deploymentMetrics(cid, "no-such-deployment"));
        assertTrue(clientError.getMessage().contains("404"), clientError.getMessage());
    }

    @Test
    public void throttlingAnswers429WithRetryAfterOnlyWhenTheFaultSetsOne() {
        String cid = Fleets.customer();
        String launch = "{\"cloud\":\"aws\",\"region\":\"us-east-1\",\"instance_type\":\"g5.2xlarge\","
                + "\"market\":\"on_demand\"}";
        client.injectFault(cid, "throttling", null, 1500.0, 1);
        Response told = post("/accounts/" + cid + "/instances", launch);
        assertEquals(told.statusCode(), 429);
        assertEquals(told.jsonPath().getString("error"), "throttled");
        assertEquals(told.header("Retry-After"), "2", "whole seconds, rounded up (never earlier than meant)");
        assertEquals(told.header("Retry-After-Ms"), "1500");

        client.injectFault(cid, "throttling", null, null, 1);
        Response bare = post("/accounts/" + cid + "/instances", launch);
        assertEquals(bare.statusCode(), 429);
        assertEquals(bare.header("Retry-After"), null, "no magnitude: the caller picks its own backoff");
        assertEquals(post("/accounts/" + cid + "/instances", launch).statusCode(), 201, "count used up");
        assertEquals(post("/control/faults", "{\"customer_id\":\"" + cid + "\",\"type\":\"throttling\","
                + "\"magnitude\":-1}").statusCode(), 400, "a negative Retry-After");
    }

    @Test
    public void canaryRoutes() {
        String cid = Fleets.customer();
        client.seedFleetFile(cid, "aws-medium");
        String base = "/accounts/" + cid + "/deployments/llama2-70b-chat";
        Response canary = post(base + "/canary", "{\"percent\":10,\"vllm_config\":{\"gpu_memory_utilization\":0.9,"
                + "\"max_num_seqs\":256,\"block_size\":32},\"quantization\":\"fp8\"}");
        assertEquals(canary.statusCode(), 200, canary.asString());
        JsonNode m = client.deploymentMetrics(cid, "llama2-70b-chat");
        assertEquals(m.get("canary").get("traffic_share").asDouble(), 0.1);
        assertEquals(post(base + "/canary", "{\"percent\":101}").statusCode(), 400);
        assertEquals(post(base + "/canary", "{\"percent\":50,\"quantization\":\"fp3\"}").statusCode(), 400);
        assertEquals(post(base + "/canary/promote", "").statusCode(), 200);
        assertEquals(client.deployment(cid, "llama2-70b-chat").get("quantization").asText(), "fp8");
        assertEquals(RestAssured.given(spec).delete(base + "/canary").statusCode(), 200);
        assertEquals(post(base + "/canary/promote", "").statusCode(), 409);
        assertEquals(post(base + "/config", "{\"load_rps\":-1}").statusCode(), 400);
        assertEquals(post(base + "/config", "{\"vllm_config\":{\"block_size\":7}}").statusCode(), 400);
    }
}
