package io.optiinfra.agents.cost;

import io.optiinfra.agents.shared.Recommendation;
import io.optiinfra.agents.support.Inventory;
import io.optiinfra.agents.support.SimulatedFleet;
import org.testng.annotations.Test;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

public class ReservedInstancesTest {

    @Test
    public void reservesTheSteadyBaselineOfANonTolerantDeployment() {
        Recommendation rec = ReservedInstances.evaluate(Inventory.deployment("rt", "big", false, 500),
                Inventory.instances("rt", "big", "on_demand", 4), Inventory.catalog()).orElseThrow();
        assertEquals(rec.estimatedSavings(), (30.0 - 20.0) * 4 * 730, 1e-6);
        assertEquals(rec.details().get("reserved_1yr_hourly"), 20.0);
        assertEquals(rec.details().get("instance_count"), 4);
        assertEquals(rec.confidence(), 0.9);
    }

    @Test
    public void skippedWithoutACatalogReservedPriceOrWithoutOnDemandInstances() {
        assertTrue(ReservedInstances.evaluate(Inventory.deployment("rt", "mid", false, 500),
                Inventory.instances("rt", "mid", "on_demand", 4), Inventory.catalog()).isEmpty());
        assertTrue(ReservedInstances.evaluate(Inventory.deployment("rt", "big", false, 500),
                Inventory.instances("rt", "big", "spot", 4), Inventory.catalog()).isEmpty());
    }

    @Test
    public void tolerantDeploymentsGetReservedCapacityAsTheAlternativeToSpot() {
        assertTrue(ReservedInstances.evaluate(Inventory.deployment("rt", "big", true, 500),
                Inventory.instances("rt", "big", "on_demand", 4), Inventory.catalog()).isPresent());
    }

    @Test
    public void largeFleetReservesItsRealtimeDeploymentAtTheCatalogPrice() {
        SimulatedFleet fleet = new SimulatedFleet("aws-large");
        var context = fleet.context();
        var prices = SimulatedFleet.prices();
        var p4de = prices.find("p4de.24xlarge").orElseThrow();
        if (p4de.reserved1yrHourly() == null) {
            throw new AssertionError("the simulator catalog has no reserved_1yr_hourly for p4de.24xlarge");
        }
        var realtime = context.deployment("codellama-34b-realtime").orElseThrow();
        Recommendation rec = ReservedInstances.evaluate(realtime, context.runningInstancesOf(realtime), prices)
                .orElseThrow();
        assertEquals(rec.estimatedSavings(), 4 * (p4de.onDemandHourly() - p4de.reserved1yrHourly()) * 730, 0.01);
        assertEquals(rec.details().get("target_market"), "reserved");
        var chat = context.deployment("llama2-70b-chat").orElseThrow();
        Recommendation chatRec = ReservedInstances.evaluate(chat, context.runningInstancesOf(chat), prices).orElseThrow();
        assertEquals(chatRec.estimatedSavings(), 8 * (p4de.onDemandHourly() - p4de.reserved1yrHourly()) * 730, 0.01);
    }
}
