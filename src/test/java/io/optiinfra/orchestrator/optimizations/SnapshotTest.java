package io.optiinfra.orchestrator.optimizations;

import io.optiinfra.common.Json;
import org.testng.annotations.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

/** The snapshot is typed inside, but stored as jsonb: its JSON must stay what the map-based snapshot wrote. */
public class SnapshotTest {
    /** As the map-based snapshot wrote it (optimizations.original_state before the record). */
    private static final String STORED = "{\"instances\":{\"i-1\":{\"instance_type\":\"p4d.24xlarge\",\"market\":"
            + "\"on_demand\",\"deployment_id\":\"d-1\"},\"i-2\":{\"instance_type\":\"g5.xlarge\",\"market\":\"spot\","
            + "\"deployment_id\":null}},\"deployments\":{\"d-1\":{\"vllm_config\":{\"max_num_seqs\":256,"
            + "\"gpu_memory_utilization\":0.9},\"quantization\":\"fp16\",\"canary\":null}},\"monthly_cost\":1234.5}";

    @Test
    public void writesTheSameJsonAsTheMapItReplacesAndReadsItBack() {
        Map<String, Object> vllm = new LinkedHashMap<>();
        vllm.put("max_num_seqs", 256);
        vllm.put("gpu_memory_utilization", 0.9);
        Map<String, Snapshot.InstanceShape> instances = new LinkedHashMap<>();
        instances.put("i-1", new Snapshot.InstanceShape("p4d.24xlarge", "on_demand", "d-1"));
        instances.put("i-2", new Snapshot.InstanceShape("g5.xlarge", "spot", null));
        Snapshot snapshot = new Snapshot(instances, Map.of("d-1", new Snapshot.DeploymentShape(vllm, "fp16", null)),
                null).withMonthlyCost(1234.5);

        assertThat(Json.write(snapshot), equalTo(STORED));
        assertThat(Json.MAPPER.convertValue(Json.read(STORED), Snapshot.class), equalTo(snapshot));
    }

    @Test
    public void anOldSnapshotWithoutDeploymentsReadsAsNoneAffected() {
        Snapshot old = Json.MAPPER.convertValue(Json.read("{\"instances\":{},\"monthly_cost\":10.0}"), Snapshot.class);

        assertThat(old.deployments(), is(anEmptyMap()));
        assertThat(old.monthlyCost(), equalTo(10.0));
    }
}
