package io.optiinfra.orchestrator.infrastructure;

import io.optiinfra.common.ApiException;
import io.optiinfra.orchestrator.infrastructure.InfrastructureService.DeploymentRecord;
import io.optiinfra.orchestrator.infrastructure.InfrastructureService.InstanceRecord;
import org.testng.annotations.Test;

import java.util.List;
import java.util.Map;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.expectThrows;
import static org.testng.Assert.assertTrue;

public class SnapshotConsistencyTest {
    private static final DeploymentRecord DEPLOYMENT = new DeploymentRecord("d-1", "m", Map.of("instance_ids",
            List.of("i-1", "i-canary-launched-after-the-instance-read")));

    @Test
    public void aSnapshotLikeTheCollectorsPasses() {
        SnapshotConsistency.check(List.of(instance("i-1", "d-1"), instance("i-2", null)), List.of(DEPLOYMENT));
        SnapshotConsistency.check(List.of(), List.of());
    }

    @Test
    public void repeatedIdsAreA400NotAUniqueViolation() {
        refused(List.of(instance("i-1", "d-1"), instance("i-1", "d-1")), List.of(DEPLOYMENT),
                "instances[1].id repeats i-1 (instances[0])");
        refused(List.of(), List.of(DEPLOYMENT, DEPLOYMENT), "vllm_deployments[1].id repeats d-1");
    }

    @Test
    public void anInstanceBelongsToADeploymentOfTheSameSnapshot() {
        refused(List.of(instance("i-1", "d-elsewhere")), List.of(DEPLOYMENT), "deployment d-elsewhere, which is not");
        InstanceRecord mistyped = new InstanceRecord("i-1", "t", "aws", "r", "on_demand", "running",
                Map.of("deployment_id", 7));
        refused(List.of(mistyped), List.of(DEPLOYMENT), "must be a string or null");
    }

    private static InstanceRecord instance(String id, String deployment) {
        return new InstanceRecord(id, "g5.2xlarge", "aws", "us-east-1", "on_demand", "running",
                deployment == null ? Map.of() : Map.of("deployment_id", deployment));
    }

    private static void refused(List<InstanceRecord> instances, List<DeploymentRecord> deployments, String why) {
        ApiException refusal = expectThrows(ApiException.class, () -> SnapshotConsistency.check(instances, deployments));
        assertEquals(refusal.status(), 400);
        assertTrue(refusal.getMessage().contains(why), refusal.getMessage());
    }
}
