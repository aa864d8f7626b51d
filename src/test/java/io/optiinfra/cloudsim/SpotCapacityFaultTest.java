package io.optiinfra.cloudsim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.optiinfra.cloudsim.accounts.InstanceRequests.Launch;
import io.optiinfra.cloudsim.faults.FaultRequest;
import io.optiinfra.common.ApiException;
import org.testng.annotations.Test;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.expectThrows;

public class SpotCapacityFaultTest {

    @Test
    public void spotCreationIsRefusedUntilTheFaultIsCleared() {
        CloudSimulator sim = new CloudSimulator();
        String cid = Fleets.customer();
        sim.seeder().seed(cid, Fleets.document("aws-medium"));
        Launch spot = new Launch("aws", "us-east-1", "p4d.24xlarge", "spot", 6, "llama2-70b-chat", "canary");
        sim.faults().inject(new FaultRequest(cid, "spot_capacity_unavailable", null, null, null));

        ApiException refused = expectThrows(ApiException.class, () -> sim.instances().launch(cid, spot));
        assertEquals(refused.status(), 503);
        assertEquals(refused.error(), "insufficient_capacity");
        assertEquals(sim.instances().list(cid, null, null).size(), 6, "nothing was created");

        String onDemandId = sim.instances().list(cid, null, "running").get(0).id();
        ApiException modify = expectThrows(ApiException.class, () -> sim.instances().modify(cid, onDemandId,
                JsonNodeFactory.instance.objectNode().put("market", "spot")));
        assertEquals(modify.status(), 503, "switching to spot needs spot capacity too");

        Launch onDemand = new Launch("aws", "us-east-1", "g5.12xlarge", "on_demand", 1, null, null);
        assertEquals(sim.instances().launch(cid, onDemand).size(), 1, "on-demand capacity is unaffected");

        sim.faults().clear(cid);
        assertEquals(sim.instances().launch(cid, spot).size(), 6);
        assertEquals(sim.instances().list(cid, null, "running").stream().filter(i -> i.market().equals("spot"))
                .mapToDouble(i -> i.hourlyPrice()).sum(), 6 * 11.57, 1e-9);
    }
}
