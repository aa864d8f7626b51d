package io.optiinfra.orchestrator.recommendations;

import io.optiinfra.agents.cost.CrossCloudPlacement;
import io.optiinfra.agents.cost.ReservedInstances;
import io.optiinfra.agents.cost.Rightsizing;
import io.optiinfra.agents.cost.SpotMigration;
import io.optiinfra.agents.resource.Consolidation;
import io.optiinfra.agents.resource.IdleCleanup;
import io.optiinfra.agents.shared.Deployment;
import io.optiinfra.agents.shared.EgressPrices;
import io.optiinfra.agents.shared.Instance;
import io.optiinfra.agents.shared.InstancePrice;
import io.optiinfra.agents.shared.Prediction;
import io.optiinfra.agents.shared.PriceBook;
import io.optiinfra.agents.shared.Recommendation;
import io.optiinfra.agents.shared.VllmSettings;
import io.optiinfra.agents.support.Inventory;
import io.optiinfra.common.ApiException;
import io.optiinfra.common.Json;
import org.testng.annotations.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.expectThrows;
import static org.testng.Assert.assertTrue;

/**
 * What the agents file passes the consistency rules of {@code complete} (a rule stricter than the agents would refuse
 * real work), and each contradiction the rules name is a 400 — checked on the wire form, as the orchestrator reads it.
 */
public class RecommendationConsistencyTest {

    @Test
    public void whatTheAgentsFileIsConsistent() {
        List<Recommendation> filed = new ArrayList<>();
        filed.add(SpotMigration.evaluate(Inventory.deployment("d", "big", true, 1000),
                Inventory.instances("d", "big", "on_demand", 3), Inventory.catalog()).orElseThrow());
        filed.add(ReservedInstances.evaluate(Inventory.deployment("rt", "big", false, 500),
                Inventory.instances("rt", "big", "on_demand", 4), Inventory.catalog()).orElseThrow());
        filed.add(Rightsizing.evaluate(Inventory.deployment("d", "big", true, 1000),
                Inventory.instances("d", "big", "on_demand", 2), 0.05, Inventory.catalog(),
                changes -> new Prediction("mid".equals(changes.get("instance_type")) ? 400 : 1400, 0, 0.2, 0.92, 0.002, 0))
                .orElseThrow());
        filed.add(Consolidation.evaluate(Inventory.deployment("d", "big", true, 1000),
                Inventory.instances("d", "big", "on_demand", 4), 0.25, Inventory.catalog(),
                changes -> new Prediction(300 + 600.0 / (Integer) changes.get("instance_count"), 0, 0.45, 0.92, 0.002, 0))
                .orElseThrow());
        filed.add(IdleCleanup.evaluate(List.of(new Instance("i-1", "mid", "aws", "us-east-1", "on_demand", "running",
                null, null)), Inventory.catalog()).orElseThrow());
        filed.add(crossCloud());

        assertEquals(filed.stream().map(Recommendation::type).distinct().count(), 6L, "one of each kind checked");
        for (Recommendation rec : filed) {
            wire(rec).validate(); // throws when a rule refuses what an agent really sends
        }
    }

    @Test
    public void affectedResourcesListEachResourceOnce() {
        refused(spot(), w -> w.put("affected_resources", List.of("d", "d-on_demand-0", "d-on_demand-0")),
                "affected_resources[] lists a resource twice");
    }

    @Test
    public void instanceIdsAreDistinctAndAmongTheAffectedResources() {
        refused(spot(), w -> details(w).put("instance_ids", List.of("d-on_demand-0", "d-on_demand-0")), "twice");
        refused(spot(), w -> w.put("affected_resources", List.of("d", "d-on_demand-0")),
                "names d-on_demand-1, which affected_resources[] does not");
        refused(spot(), w -> details(w).put("instance_ids", "d-on_demand-0"), "must be a list");
    }

    @Test
    public void instanceCountIsTheNumberOfInstanceIds() {
        refused(spot(), w -> details(w).put("instance_count", 3), "details.instance_count is 3");
        refused(spot(), w -> details(w).put("instance_count", 1.5), "whole number");
    }

    @Test
    public void aConsolidationRemovesWhatItsCountsSay() {
        Recommendation rec = Consolidation.evaluate(Inventory.deployment("d", "big", true, 1000),
                Inventory.instances("d", "big", "on_demand", 4), 0.25, Inventory.catalog(),
                changes -> new Prediction(300 + 600.0 / (Integer) changes.get("instance_count"), 0, 0.45, 0.92, 0.002, 0))
                .orElseThrow();
        refused(rec, w -> details(w).put("current_count", 5), "removes 4, but details.instance_ids_to_remove names 3");
        refused(rec, w -> details(w).put("instance_ids_to_remove", List.of("not-affected")),
                "names not-affected, which affected_resources[] does not");
    }

    @Test
    public void placementSavingsAreNetOfDataTransfer() {
        refused(crossCloud(), w -> w.put("estimated_savings", (Double) details(w).get("gross_savings")),
                "placement savings are net of data transfer");
    }

    @Test
    public void aDeploymentIdIsText() {
        refused(spot(), w -> details(w).put("deployment_id", Map.of("id", "d")), "details.deployment_id must be a string");
    }

    private static Recommendation spot() {
        return SpotMigration.evaluate(Inventory.deployment("d", "big", true, 1000),
                Inventory.instances("d", "big", "on_demand", 2), Inventory.catalog()).orElseThrow();
    }

    /** AWS "big" at 40/h (performance 1.1) against a GCP type at 30/h (0.95), 20 000 GB/month crossing clouds. */
    private static Recommendation crossCloud() {
        PriceBook prices = new PriceBook(List.of(
                new InstancePrice("aws", "big", List.of("us-east-1"), 40.0, 14.0, 0.05, 24.0, 1.1),
                new InstancePrice("gcp", "gcp-a", List.of("us-central1"), 30.0, 9.0, 0.06, 18.0, 0.95)));
        Deployment d = new Deployment("d", "m", "aws", "us-east-1", "big", List.of(), new VllmSettings(0.9, 256, 32),
                "fp16", 1500, 60, false, 20000);
        return CrossCloudPlacement.evaluate(d, Inventory.instances("d", "big", "on_demand", 4), prices,
                EgressPrices.of(Map.of("aws->gcp", 0.09, "gcp->aws", 0.12)),
                changes -> new Prediction(900, 0, 0.5, 0.92, 0.002, 0)).orElseThrow();
    }

    private static void refused(Recommendation rec, Consumer<Map<String, Object>> breakIt, String why) {
        Map<String, Object> wire = mutable(rec);
        breakIt.accept(wire);
        RecommendationInput input = Json.MAPPER.convertValue(wire, RecommendationInput.class);
        ApiException refusal = expectThrows(ApiException.class, input::validate);
        assertEquals(refusal.status(), 400, refusal.getMessage());
        assertTrue(refusal.getMessage().contains(why), "'" + refusal.getMessage() + "' should say: " + why);
    }

    private static RecommendationInput wire(Recommendation rec) {
        return Json.MAPPER.convertValue(mutable(rec), RecommendationInput.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(Map<String, Object> wire) {
        return (Map<String, Object>) wire.get("details");
    }

    /** The wire form with its details copied, so a case can change them. */
    private static Map<String, Object> mutable(Recommendation rec) {
        Map<String, Object> wire = new LinkedHashMap<>(rec.toWire());
        wire.put("details", new LinkedHashMap<>(rec.details()));
        return wire;
    }
}
