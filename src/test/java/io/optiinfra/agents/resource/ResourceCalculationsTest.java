package io.optiinfra.agents.resource;

import io.optiinfra.agents.shared.CustomerContext;
import io.optiinfra.agents.shared.Deployment;
import io.optiinfra.agents.shared.Instance;
import io.optiinfra.agents.shared.Prediction;
import io.optiinfra.agents.shared.Recommendation;
import io.optiinfra.agents.shared.WhatIf;
import io.optiinfra.agents.support.Inventory;
import io.optiinfra.agents.support.SimulatedFleet;
import org.testng.annotations.Test;

import java.util.ArrayList;
import java.util.List;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

public class ResourceCalculationsTest {

    /** p95 and utilisation as n instances share a fixed load: 4 instances at 20 % each. */
    private static final WhatIf SHARED_LOAD = changes -> {
        int n = (Integer) changes.get("instance_count");
        double gpu = 0.8 * 4 / n / 4 + 0.05;
        return new Prediction(300 + 600.0 / n, 0, gpu, 0.92, 0.002, 0);
    };

    @Test
    public void consolidatesToTheSmallestCountWithinSloAndUtilisation() {
        Deployment d = Inventory.deployment("d", "big", true, 1000);
        List<Instance> running = new ArrayList<>(Inventory.instances("d", "big", "on_demand", 2));
        running.addAll(Inventory.instances("d", "big", "spot", 2));
        Recommendation rec = Consolidation.evaluate(d, running, 0.25, Inventory.catalog(), SHARED_LOAD).orElseThrow();
        // n=1: p95 900 but gpu 0.85 > 0.8 -> n=2 (p95 600, gpu 0.45)
        assertEquals(rec.details().get("target_count"), 2);
        List<?> removed = (List<?>) rec.details().get("instance_ids_to_remove");
        assertEquals(removed.size(), 2);
        assertTrue(removed.stream().allMatch(id -> id.toString().contains("on_demand")), "priciest go first");
        assertEquals(rec.estimatedSavings(), 2 * 30.0 * 730, 1e-6);
    }

    @Test
    public void noConsolidationForSingleInstancesBusyGpusOrWhenNothingFits() {
        Deployment d = Inventory.deployment("d", "big", true, 1000);
        assertTrue(Consolidation.evaluate(d, Inventory.instances("d", "big", "on_demand", 1), 0.1,
                Inventory.catalog(), SHARED_LOAD).isEmpty());
        assertTrue(Consolidation.evaluate(d, Inventory.instances("d", "big", "on_demand", 4), 0.5,
                Inventory.catalog(), SHARED_LOAD).isEmpty());
        assertTrue(Consolidation.evaluate(Inventory.deployment("d", "big", true, 450),
                Inventory.instances("d", "big", "on_demand", 4), 0.2, Inventory.catalog(), SHARED_LOAD).isEmpty());
    }

    @Test
    public void idleInstancesCostTheirHourlyPriceEveryMonth() {
        List<Instance> idle = List.of(new Instance("i-1", "mid", "aws", "us-east-1", "on_demand", "running", null, null),
                new Instance("i-2", "small", "aws", "us-east-1", "spot", "running", null, null));
        Recommendation rec = IdleCleanup.evaluate(idle, Inventory.catalog()).orElseThrow();
        assertEquals(rec.estimatedSavings(), (6.0 + 0.4) * 730, 1e-6);
        assertEquals(rec.details().get("instance_ids"), List.of("i-1", "i-2"));
        assertEquals(rec.affectedResources(), List.of("i-1", "i-2"));
        assertTrue(IdleCleanup.evaluate(List.of(), Inventory.catalog()).isEmpty());
    }

    @Test
    public void startupFleetHasOneIdleG52xlargeAndConsolidatesToOneInstance() {
        SimulatedFleet fleet = new SimulatedFleet("aws-small");
        CustomerContext context = fleet.context();
        List<Instance> idle = context.unattachedRunning();
        assertEquals(idle.size(), 1);
        assertEquals(idle.get(0).instanceType(), "g5.2xlarge");
        assertEquals(IdleCleanup.evaluate(idle, SimulatedFleet.prices()).orElseThrow().estimatedSavings(),
                1.2120 * 730, 0.01);
        Deployment d = context.deployment("llama2-13b-chat").orElseThrow();
        Recommendation rec = Consolidation.evaluate(d, context.runningInstancesOf(d),
                fleet.gpuUtilization(d.id()), SimulatedFleet.prices(), fleet.whatIf(d.id())).orElseThrow();
        assertEquals(rec.details().get("target_count"), 1);
        assertEquals(rec.estimatedSavings(), 32.7726 * 730, 0.01);
    }
}
