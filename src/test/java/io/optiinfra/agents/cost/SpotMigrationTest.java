package io.optiinfra.agents.cost;

import io.optiinfra.agents.shared.Instance;
import io.optiinfra.agents.shared.Recommendation;
import io.optiinfra.agents.support.Inventory;
import io.optiinfra.agents.support.SimulatedFleet;
import org.testng.annotations.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

public class SpotMigrationTest {

    @Test
    public void savesTheSpotDiscountOfEveryOnDemandInstance() {
        Recommendation rec = SpotMigration.evaluate(Inventory.deployment("d", "big", true, 1000),
                Inventory.instances("d", "big", "on_demand", 3), Inventory.catalog()).orElseThrow();
        assertEquals(rec.estimatedSavings(), 3 * (30.0 - 10.0) * 730, 1e-6);
        assertEquals(rec.riskLevel(), "low");
        assertEquals(rec.details().get("target_market"), "spot");
        assertEquals(rec.details().get("instance_count"), 3);
        assertEquals(rec.details().get("on_demand_hourly"), 30.0);
        assertEquals(rec.details().get("spot_hourly"), 10.0);
        assertEquals(((List<?>) rec.details().get("instance_ids")).size(), 3);
        assertEquals(rec.confidence(), 0.8);
        assertTrue(rec.affectedResources().contains("d"));
    }

    @Test
    public void onlyOnDemandInstancesCount() {
        List<Instance> running = new ArrayList<>(Inventory.instances("d", "big", "on_demand", 1));
        running.addAll(Inventory.instances("d", "big", "spot", 2));
        Recommendation rec = SpotMigration.evaluate(Inventory.deployment("d", "big", true, 1000), running,
                Inventory.catalog()).orElseThrow();
        assertEquals(rec.estimatedSavings(), 20.0 * 730, 1e-6);
        assertEquals(rec.details().get("instance_count"), 1);
        assertTrue(SpotMigration.evaluate(Inventory.deployment("d", "big", true, 1000),
                Inventory.instances("d", "big", "spot", 2), Inventory.catalog()).isEmpty());
    }

    @Test
    public void neverForDeploymentsThatCannotTolerateInterruptions() {
        assertTrue(SpotMigration.evaluate(Inventory.deployment("d", "big", false, 1000),
                Inventory.instances("d", "big", "on_demand", 3), Inventory.catalog()).isEmpty());
    }

    @Test
    public void riskFollowsTheInterruptionRateOfTheType() {
        assertEquals(SpotMigration.evaluate(Inventory.deployment("d", "mid", true, 1000),
                Inventory.instances("d", "mid", "on_demand", 1), Inventory.catalog()).orElseThrow().riskLevel(),
                "medium");
        assertEquals(SpotMigration.evaluate(Inventory.deployment("d", "small", true, 1000),
                Inventory.instances("d", "small", "on_demand", 1), Inventory.catalog()).orElseThrow().riskLevel(),
                "high");
    }

    @Test
    public void referenceFleetSavingsComeFromTheSimulatorCatalog() {
        SimulatedFleet fleet = new SimulatedFleet("aws-medium");
        var context = fleet.context();
        var d = context.deployment("llama2-70b-chat").orElseThrow();
        Recommendation rec = SpotMigration.evaluate(d, context.runningInstancesOf(d), SimulatedFleet.prices())
                .orElseThrow();
        assertEquals(rec.estimatedSavings(), 6 * (32.7726 - 11.57) * 730, 0.01); // ≈ $92,867 (fleet comment)
        assertEquals(rec.riskLevel(), "low");
        assertEquals(rec.details().get("instance_type"), "p4d.24xlarge");
        Map<String, Object> wire = rec.toWire();
        assertEquals(wire.get("type"), "spot_migration");
        assertTrue((double) wire.get("estimated_savings") > 10_000);
    }
}
