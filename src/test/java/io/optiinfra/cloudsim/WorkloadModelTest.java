package io.optiinfra.cloudsim;

import io.optiinfra.cloudsim.catalog.Catalog;
import io.optiinfra.cloudsim.catalog.InstanceType;
import io.optiinfra.cloudsim.deployments.DeploymentMetrics;
import io.optiinfra.cloudsim.deployments.DeploymentRequests.ConfigChange;
import io.optiinfra.cloudsim.deployments.MetricsBlock;
import io.optiinfra.cloudsim.deployments.VllmConfig;
import io.optiinfra.cloudsim.deployments.WorkloadModel;
import io.optiinfra.cloudsim.deployments.WorkloadModel.Node;
import io.optiinfra.cloudsim.deployments.WorkloadModel.Performance;
import io.optiinfra.cloudsim.deployments.WorkloadModel.Variant;
import org.testng.annotations.Test;

import java.util.Collections;
import java.util.List;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

public class WorkloadModelTest {
    private static final InstanceType P4D = Catalog.find("aws", "p4d.24xlarge").orElseThrow();
    private static final String LLAMA_70B = "meta-llama/Llama-2-70b-chat-hf";

    private static Performance sixP4d(VllmConfig config, String quantization, double load, boolean spot) {
        List<Node> nodes = Collections.nCopies(6, new Node(P4D, spot, 1.0));
        return WorkloadModel.evaluate(new Variant(nodes, config, quantization, LLAMA_70B, load, P4D), 1.0, 1.0);
    }

    @Test
    public void kvPenaltyIsAbout1Point8ForTheDefaultConfigAnd1ForTheTunedOne() {
        assertEquals(WorkloadModel.kvPenalty(VllmConfig.DEFAULT), 1.8, 1e-9);
        assertEquals(WorkloadModel.kvPenalty(VllmConfig.TUNED), 1.0, 1e-9);
    }

    @Test
    public void modelScaleComesFromTheModelName() {
        assertEquals(WorkloadModel.modelScale(LLAMA_70B), 1.0, 1e-9);
        assertEquals(WorkloadModel.modelScale("meta-llama/Llama-2-13b-chat-hf"), 13.0 / 70, 1e-9);
        assertEquals(WorkloadModel.modelScale("mistralai/Mixtral-8x7B-Instruct"), 56.0 / 70, 1e-9);
        assertEquals(WorkloadModel.modelScale("some-model"), 1.0, 1e-9);
    }

    @Test
    public void defaultConfigOnSixP4dAt40RpsHasAP95Between1300And2000Ms() {
        Performance p = sixP4d(VllmConfig.DEFAULT, "fp16", 40, false);
        assertTrue(p.latencyP95Ms() >= 1300 && p.latencyP95Ms() <= 2000, "p95 " + p.latencyP95Ms());
        assertEquals(p.latencyP99Ms(), 1.45 * p.latencyP95Ms(), 1e-6);
        assertEquals(p.errorRate(), 0.002, 1e-9);
        assertEquals(p.throughputRps(), 40.0, 1e-9);
        assertEquals(p.qualityScore(), 0.92, 1e-9);
    }

    @Test
    public void kvTuningPlusFp8CutsP95AtLeastTwofoldBelow800Ms() {
        Performance before = sixP4d(VllmConfig.DEFAULT, "fp16", 40, false);
        Performance kvOnly = sixP4d(VllmConfig.TUNED, "fp16", 40, false);
        Performance after = sixP4d(VllmConfig.TUNED, "fp8", 40, false);
        assertTrue(kvOnly.latencyP95Ms() < before.latencyP95Ms(), "KV tuning alone must help");
        assertTrue(after.latencyP95Ms() * 2 <= before.latencyP95Ms(),
                "before " + before.latencyP95Ms() + " after " + after.latencyP95Ms());
        assertTrue(after.latencyP95Ms() < 800, "p95 " + after.latencyP95Ms());
        assertTrue(after.latencyP99Ms() < 1500, "p99 " + after.latencyP99Ms());
        assertTrue(after.gpuUtilization() < before.gpuUtilization());
    }

    @Test
    public void fp8CostsLessThan5PercentQualityAndInt4MoreThan5Percent() {
        double fp16 = sixP4d(VllmConfig.TUNED, "fp16", 40, false).qualityScore();
        double fp8 = sixP4d(VllmConfig.TUNED, "fp8", 40, false).qualityScore();
        double int4 = sixP4d(VllmConfig.TUNED, "int4", 40, false).qualityScore();
        assertTrue((fp16 - fp8) / fp16 < 0.05, "fp8 drop " + (fp16 - fp8) / fp16);
        assertTrue((fp16 - int4) / fp16 > 0.05, "int4 drop " + (fp16 - int4) / fp16);
    }

    @Test
    public void spotRaisesTheErrorRateByShareTimesInterruptionRate() {
        Performance spot = sixP4d(VllmConfig.DEFAULT, "fp16", 40, true);
        Performance onDemand = sixP4d(VllmConfig.DEFAULT, "fp16", 40, false);
        assertEquals(spot.errorRate(), 0.002 + 1.0 * 0.05 * 0.1, 1e-9);
        assertEquals(spot.latencyP95Ms(), onDemand.latencyP95Ms(), 1e-9, "spot does not change latency");
    }

    @Test
    public void overloadMultipliesP95ByUSquaredAndRaisesErrors() {
        Performance p = sixP4d(VllmConfig.DEFAULT, "fp16", 100, false);
        double capacity = 6 * 25 / 1.8;
        double u = 100 / capacity;
        assertEquals(p.latencyP95Ms(), 1260 * (1 + u * u) * u * u, 1e-6);
        assertEquals(p.errorRate(), Math.min(1, 0.002 + (u - 1)), 1e-9);
        assertEquals(p.throughputRps(), capacity, 1e-9);
        assertEquals(p.gpuUtilization(), 0.99, 1e-9);
    }

    @Test
    public void noInstancesMeansEveryRequestFails() {
        Performance p = WorkloadModel.evaluate(new Variant(List.of(), VllmConfig.DEFAULT, "fp16", LLAMA_70B, 10, P4D),
                1.0, 1.0);
        assertEquals(p.errorRate(), 1.0);
        assertEquals(p.throughputRps(), 0.0);
        assertEquals(p.gpuUtilization(), 0.0);
    }

    @Test
    public void theModelIsDeterministic() {
        assertEquals(sixP4d(VllmConfig.DEFAULT, "int8", 33, true), sixP4d(VllmConfig.DEFAULT, "int8", 33, true));
    }

    /** The same checks end to end through a seeded aws-medium deployment and the config API. */
    @Test
    public void awsMediumDeploymentImprovesWhenTunedThroughTheApi() {
        CloudSimulator sim = new CloudSimulator();
        String cid = Fleets.customer();
        sim.seeder().seed(cid, Fleets.document("aws-medium"));
        MetricsBlock before = sim.deployments().metrics(cid, "llama2-70b-chat").overall();
        assertTrue(before.latencyP95Ms() >= 1300 && before.latencyP95Ms() <= 2000, "p95 " + before.latencyP95Ms());
        assertEquals(before.monthlyCost(), 6 * 32.7726 * 730, 0.01);

        sim.deployments().configure(cid, "llama2-70b-chat", new ConfigChange(VllmConfig.TUNED, "fp8", null));
        DeploymentMetrics after = sim.deployments().metrics(cid, "llama2-70b-chat");
        assertTrue(after.overall().latencyP95Ms() * 2 <= before.latencyP95Ms());
        assertTrue(after.overall().latencyP95Ms() < 800);
        assertTrue(after.overall().latencyP99Ms() < 1500);
        assertTrue((before.qualityScore() - after.overall().qualityScore()) / before.qualityScore() < 0.05);
    }
}
