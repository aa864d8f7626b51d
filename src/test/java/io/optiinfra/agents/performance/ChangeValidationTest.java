package io.optiinfra.agents.performance;

import io.optiinfra.agents.runtime.MalformedTask;
import io.optiinfra.agents.support.SimulatedFleet;
import io.optiinfra.common.Json;
import org.testng.annotations.Test;

import java.util.Map;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

public class ChangeValidationTest {

    @Test
    public void modelsEachKindOfChange() throws MalformedTask {
        assertEquals(ChangeValidation.changes("spot_migration", Json.read("{}")), Map.of("spot_share", 1.0));
        assertEquals(ChangeValidation.changes("spot_migration", Json.read("{\"spot_share\":0.5}")),
                Map.of("spot_share", 0.5));
        assertEquals(ChangeValidation.changes("instance_rightsizing",
                Json.read("{\"target_instance_type\":\"g5.12xlarge\"}")), Map.of("instance_type", "g5.12xlarge"));
        assertEquals(ChangeValidation.changes("gpu_consolidation", Json.read("{\"target_count\":3}")),
                Map.of("instance_count", 3));
        assertEquals(ChangeValidation.changes("reserved_instances", Json.read("{}")), Map.of());
        expectThrows(MalformedTask.class, () -> ChangeValidation.changes("instance_rightsizing", Json.read("{}")));
    }

    @Test
    public void approvesIffThePredictedP95StaysWithinTheSlo() {
        assertTrue(ChangeValidation.judge("spot_migration", 1000, 1000).approved());
        ChangeValidation.Verdict rejected = ChangeValidation.judge("spot_migration", 1550.2, 1000);
        assertFalse(rejected.approved());
        assertTrue(rejected.reason().contains("1550.2"));
    }

    @Test
    public void spotValidatesOnTheLargeFleetButNotOnTheUntunedMediumOne() throws MalformedTask {
        SimulatedFleet large = new SimulatedFleet("aws-large");
        double p95 = large.whatIf("llama2-70b-chat").predict(ChangeValidation.changes("spot_migration",
                Json.read("{}"))).latencyP95Ms();
        assertTrue(ChangeValidation.judge("spot_migration", p95, 1500).approved());
        SimulatedFleet medium = new SimulatedFleet("aws-medium");
        double untuned = medium.whatIf("llama2-70b-chat").predict(Map.of("spot_share", 1.0)).latencyP95Ms();
        assertFalse(ChangeValidation.judge("spot_migration", untuned, 1000).approved());
    }
}
