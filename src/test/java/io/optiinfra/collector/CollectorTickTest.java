package io.optiinfra.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.javalin.Javalin;
import io.optiinfra.cloudsim.CloudSimulator;
import io.optiinfra.cloudsim.CloudSimulatorApp;
import io.optiinfra.cloudsim.deployments.DeploymentRequests.CanaryChange;
import io.optiinfra.common.Json;
import io.optiinfra.common.client.CloudSimClient;
import io.optiinfra.common.client.JsonHttp;
import io.optiinfra.common.web.Web;
import io.optiinfra.store.MetricPoint;
import org.awaitility.Awaitility;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static io.optiinfra.collector.SimFixtures.DEPLOYMENT;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;

/** Whole ticks against the real simulator over HTTP and a fake orchestrator that records the PUTs. */
public class CollectorTickTest {
    private final CloudSimulator sim = new CloudSimulator();
    private final List<Map.Entry<String, JsonNode>> puts = new CopyOnWriteArrayList<>();
    private final List<List<MetricPoint>> batches = new CopyOnWriteArrayList<>();
    private volatile JsonNode connections = Json.read("[]");
    private volatile boolean connectionsMissing;
    private Javalin simApp;
    private Javalin orchestrator;
    private Collector collector;

    @BeforeClass
    public void startServers() {
        simApp = CloudSimulatorApp.create(sim).start("127.0.0.1", 0);
        orchestrator = Web.server();
        orchestrator.get("/internal/runtime/connections", ctx -> {
            if (connectionsMissing) {
                Web.error(ctx, 404, "not_found", "no route");
            } else {
                ctx.json(connections);
            }
        });
        orchestrator.put("/internal/customers/{id}/infrastructure", ctx -> {
            puts.add(Map.entry(ctx.pathParam("id"), Json.read(ctx.body())));
            ctx.json(Map.of("updated", true));
        });
        orchestrator.start("127.0.0.1", 0);
    }

    @AfterClass(alwaysRun = true)
    public void stopServers() {
        if (simApp != null) {
            simApp.stop();
        }
        if (orchestrator != null) {
            orchestrator.stop();
        }
    }

    @BeforeMethod
    public void freshCollector() {
        puts.clear();
        batches.clear();
        connectionsMissing = false;
        collector = new Collector(new JsonHttp("http://127.0.0.1:" + orchestrator.port(), Map.of()),
                new CloudSimClient("http://127.0.0.1:" + simApp.port()), batches::add, Clock.systemUTC(), 60);
    }

    private void connect(String... customerIds) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (String id : customerIds) {
            list.addObject().put("customer_id", id).put("cloud_provider", "aws").put("region", "us-east-1")
                    .put("connected_at", "2024-01-01T00:00:00Z");
        }
        connections = list;
    }

    @Test
    public void discoversOnceThenPutsOnlyChanges() {
        String cid = SimFixtures.customer();
        SimFixtures.seed(sim, cid, "aws-small");
        connect(cid);

        collector.tick();
        assertEquals(puts.stream().map(p -> p.getValue().get("status").asText()).toList(),
                List.of("discovering", "discovered"));
        JsonNode snapshot = puts.get(1).getValue();
        assertEquals(snapshot.get("instances").size(), 3);
        assertEquals(snapshot.get("vllm_deployments").get(0).get("id").asText(), DEPLOYMENT);
        assertEquals(collector.connectedCustomers(), 1);
        assertNotNull(collector.lastTickAt());

        collector.tick();
        assertEquals(puts.size(), 2, "an unchanged fleet is not PUT again");

        String iid = snapshot.get("instances").get(0).get("id").asText();
        sim.instances().modify(cid, iid, Json.read("{\"market\":\"spot\"}"));
        collector.tick();
        assertEquals(puts.size(), 3);
        JsonNode changed = puts.get(2).getValue();
        assertEquals(changed.get("status").asText(), "discovered");
        assertTrue(changed.get("instances").findValuesAsText("market").contains("spot"));
    }

    @Test
    public void eachTickWritesOneBatchWithOneTimestamp() {
        String cid = SimFixtures.customer();
        SimFixtures.seed(sim, cid, "aws-small");
        connect(cid);

        collector.tick();
        assertEquals(batches.size(), 1);
        List<MetricPoint> batch = batches.get(0);
        assertEquals(batch.size(), 8 + 2, "eight deployment metrics and two account costs");
        assertEquals(batch.stream().map(MetricPoint::timestamp).distinct().count(), 1L);

        sim.deployments().setCanary(cid, DEPLOYMENT, new CanaryChange(10.0, null, "int8"));
        collector.tick();
        assertEquals(batches.size(), 2);
        Set<String> resources = batches.get(1).stream().map(MetricPoint::resourceId).collect(Collectors.toSet());
        assertEquals(resources, Set.of(DEPLOYMENT, DEPLOYMENT + "#canary", DEPLOYMENT + "#stable", "account"));
        assertEquals(batches.get(1).size(), 3 * 8 + 2);
    }

    @Test
    public void oneBrokenCustomerDoesNotStopTheOthers() {
        String good = SimFixtures.customer();
        SimFixtures.seed(sim, good, "aws-small");
        connect("bad~id", good); // the simulator answers 400 for this account id

        collector.tick();

        assertEquals(collector.connectedCustomers(), 2);
        assertTrue(puts.stream().anyMatch(p -> p.getKey().equals(good)
                && p.getValue().get("status").asText().equals("discovered")));
        assertEquals(batches.size(), 1);
        assertTrue(batches.get(0).stream().allMatch(p -> p.customerId().equals(good)));
    }

    @Test
    public void missingConnectionsRouteIsSurvived() {
        connectionsMissing = true;
        collector.tick();
        assertTrue(puts.isEmpty());
        assertTrue(batches.isEmpty());
        assertNotNull(collector.lastTickAt());
    }

    @Test
    public void healthReportsTheLoop() throws Exception {
        String cid = SimFixtures.customer();
        SimFixtures.seed(sim, cid, "aws-small");
        connect(cid);
        CollectorApp app = CollectorApp.start(collector, 0, 50);
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI health = URI.create("http://127.0.0.1:" + app.port() + "/health");
            JsonNode body = Awaitility.await("a tick completed").atMost(Duration.ofSeconds(10))
                    .until(() -> Json.read(http.send(HttpRequest.newBuilder(health).build(),
                            HttpResponse.BodyHandlers.ofString()).body()), b -> !b.get("last_tick_at").isNull());
            assertEquals(body.get("status").asText(), "ok");
            assertEquals(body.get("connected_customers").asInt(), 1);
        } finally {
            app.stop();
        }
    }
}
