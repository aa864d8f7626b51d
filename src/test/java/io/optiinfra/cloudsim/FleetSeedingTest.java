package io.optiinfra.cloudsim;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.cloudsim.accounts.Summary;
import io.optiinfra.cloudsim.catalog.Catalog;
import io.optiinfra.cloudsim.deployments.DeploymentView;
import io.optiinfra.cloudsim.instances.InstanceView;
import io.optiinfra.cloudsim.seed.FleetDocument;
import io.optiinfra.common.ApiException;
import io.optiinfra.common.Json;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.util.List;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

public class FleetSeedingTest {

    @DataProvider(parallel = true)
    public Object[][] fleets() {
        return Fleets.ALL.stream().map(f -> new Object[] {f}).toArray(Object[][]::new);
    }

    @Test(dataProvider = "fleets")
    public void seedingCreatesTheFleetAndTheSummaryCostsHourlyTimes730(String fleet) {
        CloudSimulator sim = new CloudSimulator();
        String cid = Fleets.customer();
        JsonNode file = Fleets.tree(fleet);
        sim.seeder().seed(cid, Fleets.document(fleet));

        int expectedInstances = 0;
        double expectedHourly = 0;
        for (JsonNode group : file.get("instances")) {
            String cloud = group.has("cloud") ? group.get("cloud").asText() : file.get("cloud").asText();
            int count = group.get("count").asInt();
            expectedInstances += count;
            expectedHourly += count * Catalog.find(cloud, group.get("instance_type").asText()).orElseThrow()
                    .hourlyPrice(group.get("market").asText());
        }
        List<InstanceView> running = sim.instances().list(cid, null, "running");
        assertEquals(running.size(), expectedInstances);

        Summary summary = sim.instances().summary(cid);
        double sumHourly = running.stream().mapToDouble(InstanceView::hourlyPrice).sum();
        assertEquals(summary.instancesRunning(), expectedInstances);
        assertEquals(summary.hourlyCost(), expectedHourly, 1e-6);
        assertEquals(summary.monthlyCost(), sumHourly * 730, 0.01);
        assertEquals(summary.monthlyCost(), file.get("expectations").get("monthly_cost").asDouble(), 0.01,
                "expectations.monthly_cost of " + fleet);
        assertEquals(summary.byCloud().get("aws").monthlyCost() + summary.byCloud().get("gcp").monthlyCost(),
                summary.monthlyCost(), 0.02);

        for (JsonNode spec : file.get("deployments")) {
            DeploymentView d = sim.deployments().get(cid, spec.get("id").asText());
            assertEquals(d.instanceCount(), spec.get("instance_count").asInt(), d.id());
            assertTrue(running.stream().filter(i -> d.instanceIds().contains(i.id()))
                    .allMatch(i -> i.instanceType().equals(spec.get("instance_type").asText())));
        }
        assertTrue(file.get("expectations").get("recommendation_types").size() > 0);
    }

    @Test
    public void awsSmallLeavesTheG5IdleAndAttachesBothP4d() {
        CloudSimulator sim = new CloudSimulator();
        String cid = Fleets.customer();
        sim.seeder().seed(cid, Fleets.document("aws-small"));
        List<InstanceView> running = sim.instances().list(cid, "aws", "running");
        InstanceView g5 = running.stream().filter(i -> i.instanceType().equals("g5.2xlarge")).findFirst()
                .orElseThrow();
        assertNull(g5.deploymentId());
        assertTrue(g5.id().matches("i-[0-9a-f]{12}"), g5.id());
        assertEquals(running.stream().filter(i -> "llama2-13b-chat".equals(i.deploymentId())).count(), 2);
        assertTrue(sim.deployments().metrics(cid, "llama2-13b-chat").overall().gpuUtilization() < 0.2,
                "aws-small is over-provisioned");
    }

    @Test
    public void gcpInstancesGetGceIds() {
        CloudSimulator sim = new CloudSimulator();
        String cid = Fleets.customer();
        sim.seeder().seed(cid, Fleets.document("gcp-medium"));
        assertTrue(sim.instances().list(cid, "gcp", null).stream().allMatch(i -> i.id().matches("gce-[0-9a-f]{12}")));
        assertEquals(sim.instances().summary(cid).byCloud().get("aws").instancesRunning(), 0);
    }

    @Test
    public void aFleetThatCannotBeSeededIsRefusedAndNothingIsCreated() {
        CloudSimulator sim = new CloudSimulator();
        String cid = Fleets.customer();
        FleetDocument tooMany = Json.read(Fleets.raw("aws-medium").replace("\"instance_count\": 6",
                "\"instance_count\": 7"), FleetDocument.class);
        ApiException e = expectThrows(ApiException.class, () -> sim.seeder().seed(cid, tooMany));
        assertEquals(e.status(), 400);
        FleetDocument wrongRegion = Json.read(Fleets.raw("aws-medium").replace("us-east-1", "us-central1"),
                FleetDocument.class);
        assertEquals(expectThrows(ApiException.class, () -> sim.seeder().seed(cid, wrongRegion)).status(), 400);
        assertTrue(sim.instances().list(cid, null, null).isEmpty());
    }

    @Test
    public void seedingTheSameDeploymentTwiceIsAConflict() {
        CloudSimulator sim = new CloudSimulator();
        String cid = Fleets.customer();
        sim.seeder().seed(cid, Fleets.document("aws-medium"));
        ApiException e = expectThrows(ApiException.class, () -> sim.seeder().seed(cid, Fleets.document("aws-medium")));
        assertEquals(e.status(), 409);
        assertEquals(sim.instances().list(cid, null, null).size(), 6);
    }
}
