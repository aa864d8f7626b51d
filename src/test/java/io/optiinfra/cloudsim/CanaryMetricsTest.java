package io.optiinfra.cloudsim;

import io.optiinfra.cloudsim.accounts.InstanceRequests.Launch;
import io.optiinfra.cloudsim.deployments.DeploymentMetrics;
import io.optiinfra.cloudsim.deployments.DeploymentRequests.CanaryChange;
import io.optiinfra.cloudsim.deployments.DeploymentRequests.ConfigChange;
import io.optiinfra.cloudsim.deployments.DeploymentRequests.WhatIf;
import io.optiinfra.cloudsim.deployments.DeploymentView;
import io.optiinfra.cloudsim.deployments.MetricsBlock;
import io.optiinfra.cloudsim.deployments.VllmConfig;
import io.optiinfra.cloudsim.instances.InstanceView;
import io.optiinfra.common.ApiException;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

import java.util.List;
import java.util.Map;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

public class CanaryMetricsTest {
    private static final String D = "llama2-70b-chat";

    private CloudSimulator sim;
    private String cid;

    @BeforeMethod
    public void seed() {
        sim = new CloudSimulator();
        cid = Fleets.customer();
        sim.seeder().seed(cid, Fleets.document("aws-medium"));
    }

    private DeploymentMetrics metrics() {
        return sim.deployments().metrics(cid, D);
    }

    @Test
    public void overallBlendsStableAndCanaryByTrafficShare() {
        MetricsBlock baseline = metrics().overall();
        sim.deployments().setCanary(cid, D, new CanaryChange(10.0, VllmConfig.TUNED, "fp8"));
        DeploymentMetrics m = metrics();
        assertNotNull(m.canary());

        assertTrue(m.canary().latencyP95Ms() < m.stable().latencyP95Ms() / 2, "the tuned canary is faster");
        assertEquals(m.overall().latencyP95Ms(), 0.9 * m.stable().latencyP95Ms() + 0.1 * m.canary().latencyP95Ms(),
                0.2);
        assertEquals(m.overall().qualityScore(), 0.9 * 0.92 + 0.1 * 0.92 * 0.99, 1e-4);
        assertEquals(m.stable().latencyP95Ms(), baseline.latencyP95Ms(), 0.2,
                "on a shared pool the stable variant keeps its utilisation");
        assertEquals(m.canary().trafficShare(), 0.1);
        assertEquals(m.overall().monthlyCost(), baseline.monthlyCost(), 0.01);
        assertEquals(m.overall().throughputRps(), 40.0, 1e-3);
    }

    @Test
    public void rolloutKeepsTheCanaryConfigAndPromotionMakesItStable() {
        sim.deployments().setCanary(cid, D, new CanaryChange(10.0, VllmConfig.TUNED, "fp8"));
        sim.deployments().setCanary(cid, D, new CanaryChange(50.0, null, null));
        DeploymentView atFifty = sim.deployments().setCanary(cid, D, new CanaryChange(100.0, null, null));
        assertEquals(atFifty.canary().vllmConfig(), VllmConfig.TUNED);
        assertEquals(atFifty.canary().quantization(), "fp8");
        MetricsBlock fullCanary = metrics().overall();

        DeploymentView promoted = sim.deployments().promote(cid, D);
        assertNull(promoted.canary());
        assertEquals(promoted.vllmConfig(), VllmConfig.TUNED);
        assertEquals(promoted.quantization(), "fp8");
        DeploymentMetrics after = metrics();
        assertNull(after.canary());
        assertEquals(after.overall().latencyP95Ms(), fullCanary.latencyP95Ms(), 0.2,
                "a 100% canary looks exactly like the promoted config");
        assertTrue(after.overall().latencyP95Ms() < 800);
    }

    @Test
    public void removingTheCanaryRestoresTheStableMetrics() {
        MetricsBlock baseline = metrics().overall();
        sim.deployments().setCanary(cid, D, new CanaryChange(50.0, null, "int4"));
        assertTrue(metrics().overall().qualityScore() < baseline.qualityScore());
        sim.deployments().removeCanary(cid, D);
        assertEquals(metrics().overall(), baseline);
        assertEquals(expectThrows(ApiException.class, () -> sim.deployments().promote(cid, D)).status(), 409);
    }

    @Test
    public void aCanaryOnItsOwnSpotInstancesCarriesItsOwnCostAndLoad() {
        List<InstanceView> spot = sim.instances().launch(cid,
                new Launch("aws", "us-east-1", "p4d.24xlarge", "spot", 6, D, "canary"));
        sim.deployments().setCanary(cid, D, new CanaryChange(10.0, null, null));
        DeploymentMetrics m = metrics();

        assertEquals(m.canary().instanceCount(), 6);
        assertEquals(m.canary().hourlyCost(), 6 * 11.57, 1e-6);
        assertEquals(m.stable().hourlyCost(), 6 * 32.7726, 1e-6);
        assertEquals(m.overall().monthlyCost(), (6 * 11.57 + 6 * 32.7726) * 730, 0.01);
        assertTrue(m.canary().gpuUtilization() < m.stable().gpuUtilization(), "10% of the load on 6 instances");
        assertEquals(m.canary().errorRate(), 0.002 + 0.05 * 0.1, 1e-9);

        // full migration: move all traffic, drop on-demand, promote
        sim.deployments().setCanary(cid, D, new CanaryChange(100.0, null, null));
        sim.instances().list(cid, null, "running").stream().filter(i -> i.market().equals("on_demand"))
                .forEach(i -> sim.instances().terminate(cid, i.id()));
        sim.deployments().promote(cid, D);
        DeploymentMetrics migrated = metrics();
        assertEquals(migrated.overall().monthlyCost(), 6 * 11.57 * 730, 0.01);
        assertTrue(sim.instances().list(cid, null, "running").stream().allMatch(i -> i.role().equals("stable")));
        assertEquals(spot.size(), 6);
    }

    @Test
    public void predictAnswersWhatIfsWithoutChangingAnything() {
        MetricsBlock baseline = metrics().overall();
        Map<String, Object> tuned = sim.deployments().predict(cid, D,
                new WhatIf(VllmConfig.TUNED, "fp8", null, null, null, null));
        assertEquals((double) tuned.get("latency_p95_ms"), 546.0, 1.0);
        Map<String, Object> spot = sim.deployments().predict(cid, D,
                new WhatIf(null, null, null, 1.0, null, null));
        assertEquals((double) spot.get("latency_p95_ms"), baseline.latencyP95Ms(), 0.2);
        assertEquals((double) spot.get("monthly_cost"), 6 * 11.57 * 730, 0.01);
        Map<String, Object> small = sim.deployments().predict(cid, D,
                new WhatIf(null, null, "g5.12xlarge", null, 6, null));
        assertTrue((double) small.get("error_rate") > 0.1, "six g5.12xlarge cannot carry 40 rps of a 70B model");

        assertEquals(metrics().overall(), baseline, "predict changes nothing");
        sim.deployments().configure(cid, D, new ConfigChange(null, null, 20.0));
        assertTrue(metrics().overall().latencyP95Ms() < baseline.latencyP95Ms(), "less load, lower latency");
    }
}
