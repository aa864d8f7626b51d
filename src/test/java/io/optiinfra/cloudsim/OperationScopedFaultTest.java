package io.optiinfra.cloudsim;

import io.optiinfra.cloudsim.accounts.InstanceRequests.Launch;
import io.optiinfra.cloudsim.deployments.DeploymentRequests.CanaryChange;
import io.optiinfra.cloudsim.faults.FaultRequest;
import io.optiinfra.cloudsim.instances.InstanceView;
import io.optiinfra.common.ApiException;
import org.testng.annotations.Test;

import java.util.List;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.expectThrows;

/** Faults the chaos catalog arms: throttling, slow answers and one-shots scoped to an operation, after skipped calls. */
public class OperationScopedFaultTest {
    private static final Launch SPOT = new Launch("aws", "us-east-1", "p4d.24xlarge", "spot", 2, "llama2-70b-chat", "canary");

    @Test
    public void throttlingAnswers429OnlyOnTheScopedOperationAfterTheSkippedCalls() {
        CloudSimulator sim = new CloudSimulator();
        String cid = Fleets.customer();
        sim.seeder().seed(cid, Fleets.document("aws-medium"));
        sim.faults().inject(new FaultRequest(cid, "throttling", null, null, 2, "terminate", 1));
        List<InstanceView> running = sim.instances().list(cid, null, "running");

        assertEquals(sim.instances().launch(cid, SPOT).size(), 2, "another operation is not throttled");
        sim.instances().terminate(cid, running.get(0).id()); // the skipped call
        ApiException first = expectThrows(ApiException.class, () -> sim.instances().terminate(cid, running.get(1).id()));
        assertEquals(first.status(), 429);
        assertEquals(first.error(), "throttled");
        expectThrows(ApiException.class, () -> sim.instances().terminate(cid, running.get(1).id()));
        assertEquals(sim.instances().terminate(cid, running.get(1).id()).state(), "terminated", "count used up");
    }

    @Test
    public void anArmedInstanceLossStrikesTheNewestInstancesAsItsOperationStarts() {
        CloudSimulator sim = new CloudSimulator();
        String cid = Fleets.customer();
        sim.seeder().seed(cid, Fleets.document("aws-medium"));
        sim.faults().inject(new FaultRequest(cid, "instance_loss", "llama2-70b-chat", null, 1, "promote canary of", null));
        List<InstanceView> launched = sim.instances().launch(cid, SPOT);
        assertEquals(sim.instances().list(cid, null, "running").size(), 8, "armed: nothing lost yet");

        sim.deployments().setCanary(cid, "llama2-70b-chat", new io.optiinfra.cloudsim.deployments.DeploymentRequests
                .CanaryChange(100.0, null, null));
        sim.deployments().promote(cid, "llama2-70b-chat");
        List<String> runningIds = sim.instances().list(cid, null, "running").stream().map(InstanceView::id).toList();
        assertEquals(runningIds.size(), 7, "one lost as promote started");
        assertEquals(launched.stream().filter(i -> !runningIds.contains(i.id())).count(), 1L, "the newest capacity was lost");
    }

    @Test
    public void slowAnswersAreConsumedPerMatchingCall() {
        CloudSimulator sim = new CloudSimulator();
        String cid = Fleets.customer();
        sim.seeder().seed(cid, Fleets.document("aws-medium"));
        sim.faults().inject(new FaultRequest(cid, "slow_responses", null, 250.0, 1, "launch instances", null));
        assertEquals(sim.faults().slowAnswerDelay(cid, "terminate i-1"), 0L, "other operations answer at once");
        assertEquals(sim.faults().slowAnswerDelay(cid, "launch instances"), 250L);
        assertEquals(sim.faults().slowAnswerDelay(cid, "launch instances"), 0L, "count used up");
    }

    @Test
    public void aScopedQualityDegradationLiesDormantUntilItsNthCallStarts() {
        CloudSimulator sim = new CloudSimulator();
        String cid = Fleets.customer();
        String d = "llama2-70b-chat";
        sim.seeder().seed(cid, Fleets.document("aws-medium"));
        double healthy = sim.deployments().metrics(cid, d).overall().qualityScore();
        sim.faults().inject(new FaultRequest(cid, "quality_degradation", d, 0.2, null, "set canary of", 1));
        assertEquals(sim.faults().list(cid).get(0).dormant(), true);

        sim.deployments().setCanary(cid, d, new CanaryChange(10.0, null, null)); // the skipped call
        assertEquals(sim.deployments().metrics(cid, d).overall().qualityScore(), healthy, 1e-9, "still dormant");
        sim.deployments().setCanary(cid, d, new CanaryChange(50.0, null, null));
        assertEquals(sim.faults().list(cid).get(0).dormant(), false);
        assertEquals(sim.deployments().metrics(cid, d).overall().qualityScore(), healthy * 0.8, 1e-4,
                "in effect from the second canary call on");
        sim.deployments().removeCanary(cid, d);
        assertEquals(sim.deployments().metrics(cid, d).overall().qualityScore(), healthy * 0.8, 1e-4, "and it lasts");
    }
}
