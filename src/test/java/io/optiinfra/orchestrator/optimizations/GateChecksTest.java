package io.optiinfra.orchestrator.optimizations;

import io.optiinfra.common.Json;
import org.testng.annotations.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** A passed gate's checks are a record inside, but a step's detail.gate JSON must stay what the map wrote. */
public class GateChecksTest {
    @Test
    public void writesTheFieldsTheMapWroteInItsOrder() {
        Gate.Checks checks = new Gate.Checks("llama#canary", 1500, 0.97, 0.96, 812.5, 1000, 0.01, null);

        assertThat(Json.write(checks), equalTo("{\"resource\":\"llama#canary\",\"soak_ms\":1500,\"quality_score\":0.97,"
                + "\"quality_baseline\":0.96,\"latency_p95_ms\":812.5,\"slo_p95_ms\":1000.0,\"error_rate\":0.01}"));
    }

    @Test
    public void namesTheNewInstancesOnlyWhenTheRolloutCreatedSome() {
        Gate.Checks checks = new Gate.Checks("llama", 0, 1.0, 1.0, 1.0, 2.0, 0.0, "2/2");

        assertThat(Json.write(checks), equalTo("{\"resource\":\"llama\",\"soak_ms\":0,\"quality_score\":1.0,"
                + "\"quality_baseline\":1.0,\"latency_p95_ms\":1.0,\"slo_p95_ms\":2.0,\"error_rate\":0.0,"
                + "\"new_instances_running\":\"2/2\"}"));
    }
}
