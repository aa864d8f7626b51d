package io.optiinfra.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.optiinfra.cloudsim.CloudSimulator;
import io.optiinfra.common.Json;
import org.testng.annotations.Test;

import java.util.List;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotEquals;
import static org.testng.Assert.assertTrue;

public class SnapshotMapperTest {
    private final CloudSimulator sim = new CloudSimulator();

    @Test
    public void discoveringIsAnEmptySnapshot() {
        ObjectNode s = SnapshotMapper.discovering(SimFixtures.connection("c1"));
        assertEquals(s.get("status").asText(), "discovering");
        assertEquals(s.get("cloud_provider").asText(), "aws");
        assertEquals(s.get("region").asText(), "us-east-1");
        assertEquals(s.get("instances").size(), 0);
        assertEquals(s.get("vllm_deployments").size(), 0);
    }

    @Test
    public void mapsInstancesAndDeploymentsWithVerbatimDetails() {
        String cid = SimFixtures.customer();
        SimFixtures.seed(sim, cid, "aws-small");
        JsonNode simInstances = SimFixtures.instances(sim, cid);
        JsonNode simDeployments = SimFixtures.deployments(sim, cid);

        ObjectNode s = SnapshotMapper.discovered(SimFixtures.connection(cid), simInstances, simDeployments);

        assertEquals(s.get("status").asText(), "discovered");
        assertEquals(s.get("instances").size(), 3);
        for (JsonNode i : s.get("instances")) {
            JsonNode original = byId(simInstances, i.get("id").asText());
            assertEquals(i.get("details"), original, "details is the simulator's object verbatim");
            for (String field : List.of("instance_type", "cloud", "region", "market", "state")) {
                assertEquals(i.get(field).asText(), original.get(field).asText(), field);
            }
            assertEquals(i.size(), 7, "id, instance_type, cloud, region, market, state, details");
        }
        JsonNode d = s.get("vllm_deployments").get(0);
        assertEquals(d.get("id").asText(), SimFixtures.DEPLOYMENT);
        assertEquals(d.get("model").asText(), "meta-llama/Llama-2-13b-chat-hf");
        assertEquals(d.get("details"), simDeployments.get(0));
        assertTrue(d.get("details").has("vllm_config"));
        assertTrue(d.get("details").has("instance_ids"));
        assertEquals(SnapshotMapper.deploymentIds(s), List.of(SimFixtures.DEPLOYMENT));
    }

    @Test
    public void onlyRunningInstancesAreListed() {
        String cid = SimFixtures.customer();
        SimFixtures.seed(sim, cid, "aws-small");
        String victim = SimFixtures.instances(sim, cid).get(0).get("id").asText();
        sim.instances().terminate(cid, victim);

        ObjectNode s = SnapshotMapper.discovered(SimFixtures.connection(cid), SimFixtures.instances(sim, cid),
                SimFixtures.deployments(sim, cid));

        assertEquals(s.get("instances").size(), 2);
        s.get("instances").forEach(i -> assertNotEquals(i.get("id").asText(), victim));
    }

    @Test
    public void canonicalFormIgnoresListAndKeyOrder() {
        JsonNode a = Json.read("[{\"id\":\"i-2\",\"state\":\"running\",\"market\":\"spot\",\"cloud\":\"aws\"},"
                + "{\"id\":\"i-1\",\"state\":\"running\",\"market\":\"on_demand\",\"cloud\":\"aws\"}]");
        JsonNode b = Json.read("[{\"cloud\":\"aws\",\"market\":\"on_demand\",\"state\":\"running\",\"id\":\"i-1\"},"
                + "{\"market\":\"spot\",\"id\":\"i-2\",\"cloud\":\"aws\",\"state\":\"running\"}]");
        Connection c = SimFixtures.connection("c1");
        String ca = SnapshotMapper.canonical(SnapshotMapper.discovered(c, a, Json.read("[]")));
        String cb = SnapshotMapper.canonical(SnapshotMapper.discovered(c, b, Json.read("[]")));
        assertEquals(ca, cb);
        assertFalse(ca.contains("status"), "only the lists are compared");
    }

    @Test(expectedExceptions = IllegalArgumentException.class)
    public void rejectsANonArrayAnswer() {
        SnapshotMapper.discovered(SimFixtures.connection("c1"), Json.read("{\"error\":\"x\"}"), Json.read("[]"));
    }

    private static JsonNode byId(JsonNode array, String id) {
        for (JsonNode node : array) {
            if (node.get("id").asText().equals(id)) {
                return node;
            }
        }
        throw new AssertionError("no " + id);
    }
}
