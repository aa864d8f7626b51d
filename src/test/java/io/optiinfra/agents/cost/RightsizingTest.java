package io.optiinfra.agents.cost;

import io.optiinfra.agents.shared.Prediction;
import io.optiinfra.agents.shared.Recommendation;
import io.optiinfra.agents.shared.WhatIf;
import io.optiinfra.agents.support.Inventory;
import io.optiinfra.agents.support.SimulatedFleet;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

public class RightsizingTest {
    private final List<Object> asked = new CopyOnWriteArrayList<>();

    @BeforeMethod
    public void forget() {
        asked.clear();
    }

    /** p95 per candidate type: "small" is too slow, "mid" fits a 1000 ms SLO. */
    private WhatIf model(Map<String, Double> p95ByType) {
        return changes -> {
            asked.add(changes.get("instance_type"));
            return new Prediction(p95ByType.get((String) changes.get("instance_type")), 0, 0.2, 0.92, 0.002, 0);
        };
    }

    @Test
    public void picksTheCheapestSameCloudTypeThatKeepsTheSlo() {
        Recommendation rec = Rightsizing.evaluate(Inventory.deployment("d", "big", true, 1000),
                Inventory.instances("d", "big", "on_demand", 2), 0.05, Inventory.catalog(),
                model(Map.of("small", 1400.0, "mid", 400.0))).orElseThrow();
        assertEquals(asked, List.of("small", "mid")); // cheapest first; other cloud and other region never tried
        assertEquals(rec.details().get("target_instance_type"), "mid");
        assertEquals(rec.details().get("from_instance_type"), "big");
        assertEquals(rec.details().get("instance_count"), 2);
        assertEquals(rec.estimatedSavings(), (30.0 - 6.0) * 2 * 730, 1e-6);
        assertEquals(rec.riskLevel(), "low"); // 400 / 1000
        assertEquals(rec.confidence(), 0.7);
    }

    @Test
    public void noRecommendationForBusyDeploymentsOrWhenNothingFits() {
        assertTrue(Rightsizing.evaluate(Inventory.deployment("d", "big", true, 1000),
                Inventory.instances("d", "big", "on_demand", 2), 0.30, Inventory.catalog(),
                model(Map.of("small", 100.0, "mid", 100.0))).isEmpty());
        assertTrue(Rightsizing.evaluate(Inventory.deployment("d", "big", true, 1000),
                Inventory.instances("d", "big", "on_demand", 2), 0.1, Inventory.catalog(),
                model(Map.of("small", 1001.0, "mid", 1500.0))).isEmpty());
    }

    @Test
    public void overProvisionedStartupFleetMovesToG512xlarge() {
        SimulatedFleet fleet = new SimulatedFleet("aws-small");
        var context = fleet.context();
        var d = context.deployment("llama2-13b-chat").orElseThrow();
        double gpu = fleet.gpuUtilization(d.id());
        assertTrue(gpu < 0.30, "aws-small is meant to be idle, gpu " + gpu);
        Recommendation rec = Rightsizing.evaluate(d, context.runningInstancesOf(d), gpu, SimulatedFleet.prices(),
                fleet.whatIf(d.id())).orElseThrow();
        // g5.2xlarge is cheaper but its predicted p95 (~1444 ms) breaks the 1000 ms SLO.
        assertEquals(rec.details().get("target_instance_type"), "g5.12xlarge");
        assertEquals(rec.estimatedSavings(), (32.7726 - 5.6720) * 2 * 730, 0.01);
    }
}
