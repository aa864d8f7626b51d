package io.optiinfra.cloudsim;

import io.optiinfra.cloudsim.accounts.InstanceRequests.Launch;
import io.optiinfra.cloudsim.deployments.MetricsBlock;
import io.optiinfra.cloudsim.faults.FaultRequest;
import io.optiinfra.cloudsim.faults.FaultView;
import io.optiinfra.cloudsim.instances.InstanceView;
import io.optiinfra.common.ApiException;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

import java.util.List;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

/** Faults are per customer: the faulted account suffers, an identical neighbour never does. */
public class FaultIsolationTest {
    private static final String DEPLOYMENT = "llama2-70b-chat";

    private CloudSimulator sim;
    private String victim;
    private String neighbour;

    @BeforeMethod
    public void seedTwoIdenticalAccounts() {
        sim = new CloudSimulator();
        victim = Fleets.customer();
        neighbour = Fleets.customer();
        sim.seeder().seed(victim, Fleets.document("aws-medium"));
        sim.seeder().seed(neighbour, Fleets.document("aws-medium"));
    }

    private FaultView inject(String customer, String type, Double magnitude, Integer count) {
        return sim.faults().inject(new FaultRequest(customer, type, DEPLOYMENT, magnitude, count));
    }

    private MetricsBlock overall(String customer) {
        return sim.deployments().metrics(customer, DEPLOYMENT).overall();
    }

    private static Launch spot(int count) {
        return new Launch("aws", "us-east-1", "p4d.24xlarge", "spot", count, DEPLOYMENT, "canary");
    }

    @Test
    public void qualityDegradationAndLatencySpikeOnlyHitTheirCustomer() {
        MetricsBlock before = overall(neighbour);
        inject(victim, "quality_degradation", null, null);
        inject(victim, "latency_spike", null, null);

        assertEquals(overall(victim).qualityScore(), before.qualityScore() * 0.9, 1e-4);
        assertEquals(overall(victim).latencyP95Ms(), before.latencyP95Ms() * 3, 0.5);
        assertEquals(overall(neighbour), before);
    }

    @Test
    public void apiErrorFailsTheNextCallsOfThatAccountOnly() {
        inject(victim, "api_error", null, 2);
        String victimInstance = sim.instances().list(victim, null, "running").get(0).id();
        String neighbourInstance = sim.instances().list(neighbour, null, "running").get(0).id();

        for (int i = 0; i < 2; i++) {
            ApiException e = expectThrows(ApiException.class, () -> sim.instances().terminate(victim, victimInstance));
            assertEquals(e.status(), 500);
            assertEquals(e.error(), "cloud_api_error");
            assertEquals(sim.instances().terminate(neighbour, neighbourInstance).state(), "terminated");
        }
        assertEquals(sim.instances().terminate(victim, victimInstance).state(), "terminated", "fault is used up");
        FaultView spent = sim.faults().list(victim).get(0);
        assertEquals(spent.remaining(), Integer.valueOf(0));
        assertFalse(spent.active());
    }

    @Test
    public void spotInterruptionOnlyReclaimsThatCustomersSpotInstances() {
        List<InstanceView> victimSpot = sim.instances().launch(victim, spot(2));
        List<InstanceView> neighbourSpot = sim.instances().launch(neighbour, spot(2));

        FaultView fault = inject(victim, "spot_interruption", null, null);

        assertEquals(fault.affectedInstanceIds(), victimSpot.stream().map(InstanceView::id).toList());
        assertEquals(sim.instances().list(victim, null, "interrupted").size(), 2);
        assertEquals(sim.instances().list(victim, null, "running").size(), 6, "on-demand instances keep running");
        assertEquals(sim.instances().list(neighbour, null, "interrupted").size(), 0);
        assertEquals(sim.instances().list(neighbour, null, "running").size(), 6 + neighbourSpot.size());
    }

    @Test
    public void spotCapacityFaultOnlyRefusesThatCustomer() {
        inject(victim, "spot_capacity_unavailable", null, null);
        expectThrows(ApiException.class, () -> sim.instances().launch(victim, spot(1)));
        assertEquals(sim.instances().launch(neighbour, spot(1)).size(), 1);
    }

    @Test
    public void clearingFaultsOnlyClearsThatCustomer() {
        inject(victim, "latency_spike", 2.0, null);
        inject(neighbour, "latency_spike", 2.0, null);

        assertEquals(sim.faults().clear(victim).get("cleared"), 1);

        assertTrue(sim.faults().list(victim).isEmpty());
        assertEquals(sim.faults().list(neighbour).size(), 1);
        assertTrue(overall(neighbour).latencyP95Ms() > overall(victim).latencyP95Ms() * 1.9);
    }

    @Test
    public void faultOnAnUnknownDeploymentOrOfAnUnknownTypeIsRefused() {
        ApiException unknownDeployment = expectThrows(ApiException.class, () ->
                sim.faults().inject(new FaultRequest(victim, "latency_spike", "nope", null, null)));
        assertEquals(unknownDeployment.status(), 404);
        ApiException unknownType = expectThrows(ApiException.class, () ->
                sim.faults().inject(new FaultRequest(victim, "meteor_strike", null, null, null)));
        assertEquals(unknownType.status(), 400);
    }
}
