package io.optiinfra.cloudsim;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.cloudsim.accounts.Summary;
import io.optiinfra.cloudsim.deployments.DeploymentView;
import io.optiinfra.cloudsim.seed.FleetDocument;
import io.optiinfra.common.ApiException;
import io.optiinfra.common.Json;
import org.testng.annotations.Test;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

/** {@code data_transfer_gb_month} from the fleet document to the deployment views; both clouds in one account. */
public class CrossCloudSeedingTest {

    @Test
    public void seedingCarriesTheDataTransferVolumeIntoTheDeploymentViews() {
        CloudSimulator sim = new CloudSimulator();
        String cid = Fleets.customer();
        sim.seeder().seed(cid, Fleets.document("multicloud-aws"));

        DeploymentView view = sim.deployments().get(cid, "llama-70b-multicloud");
        assertEquals(view.dataTransferGbMonth(), 20000.0);
        JsonNode json = Json.MAPPER.valueToTree(sim.deployments().list(cid).get(0));
        assertEquals(json.get("data_transfer_gb_month").asDouble(), 20000.0);
    }

    @Test
    public void theVolumeDefaultsToZeroAndMustNotBeNegative() {
        CloudSimulator sim = new CloudSimulator();
        String cid = Fleets.customer();
        sim.seeder().seed(cid, Fleets.document("aws-medium"));
        assertEquals(sim.deployments().get(cid, "llama2-70b-chat").dataTransferGbMonth(), 0.0);

        FleetDocument negative = Json.read(Fleets.raw("multicloud-aws")
                .replace("\"data_transfer_gb_month\": 20000", "\"data_transfer_gb_month\": -1"), FleetDocument.class);
        String other = Fleets.customer();
        assertEquals(expectThrows(ApiException.class, () -> sim.seeder().seed(other, negative)).status(), 400);
        assertTrue(sim.instances().list(other, null, null).isEmpty());
    }

    @Test
    public void bothMulticloudFleetsSeedIntoOneAccount() {
        CloudSimulator sim = new CloudSimulator();
        String cid = Fleets.customer();
        sim.seeder().seed(cid, Fleets.document("multicloud-aws"));
        sim.seeder().seed(cid, Fleets.document("multicloud-gcp"));

        assertEquals(sim.deployments().list(cid).size(), 2);
        assertEquals(sim.deployments().get(cid, "llama2-70b-gcp-internal").cloud(), "gcp");
        Summary summary = sim.instances().summary(cid);
        assertEquals(summary.byCloud().get("aws").instancesRunning(), 4);
        assertEquals(summary.byCloud().get("gcp").instancesRunning(), 1);
        assertEquals(summary.monthlyCost(), Fleets.tree("multicloud-aws").get("expectations").get("monthly_cost")
                .asDouble() + Fleets.tree("multicloud-gcp").get("expectations").get("monthly_cost").asDouble(), 0.02);
    }
}
