package io.optiinfra.agents.performance;

import io.optiinfra.agents.shared.Deployment;
import io.optiinfra.agents.shared.Prediction;
import io.optiinfra.agents.shared.Recommendation;
import io.optiinfra.agents.shared.VllmSettings;
import io.optiinfra.agents.shared.WhatIf;
import io.optiinfra.agents.support.Inventory;
import io.optiinfra.agents.support.SimulatedFleet;
import org.testng.annotations.Test;

import java.util.Map;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

public class PerformanceTuningTest {
    private static final VllmSettings UNTUNED = new VllmSettings(0.7, 64, 16);

    private static Prediction p95(double p95, double quality) {
        return new Prediction(p95, p95 * 1.45, 0.5, quality, 0.002, 0);
    }

    @Test
    public void kvTuningIsRecommendedWhenItCutsP95ByTenPercent() {
        Deployment d = Inventory.deployment("d", UNTUNED, "fp16", 1000);
        WhatIf model = changes -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> cfg = (Map<String, Object>) changes.get("vllm_config");
            assertEquals(cfg, VllmSettings.TUNED.toMap());
            return p95(750, 0.92);
        };
        Recommendation rec = KvCacheTuning.evaluate(d, p95(1550, 0.92), model).orElseThrow();
        assertEquals(rec.details().get("vllm_config"), VllmSettings.TUNED.toMap());
        assertEquals(rec.estimatedImprovement().get("latency_p95_ms_before"), 1550.0);
        assertEquals(rec.estimatedImprovement().get("latency_p95_ms_after"), 750.0);
        assertEquals((double) rec.estimatedImprovement().get("speedup"), 2.067, 1e-3);
        assertTrue(KvCacheTuning.evaluate(d, p95(1000, 0.92), changes -> p95(901, 0.92)).isEmpty());
    }

    @Test
    public void kvTuningSkipsTunedDeploymentsAndNeverLowersASetting() {
        assertTrue(KvCacheTuning.evaluate(Inventory.deployment("d", VllmSettings.TUNED, "fp16", 1000),
                p95(900, 0.92), changes -> p95(100, 0.92)).isEmpty());
        assertEquals(new VllmSettings(0.95, 512, 16).tuned(), new VllmSettings(0.95, 512, 32));
    }

    @Test
    public void fp8IsRecommendedWhileQualityDropsLessThanFivePercent() {
        Deployment d = Inventory.deployment("d", VllmSettings.TUNED, "fp16", 1000);
        Recommendation rec = QuantizationChange.evaluate(d, p95(750, 0.92), changes -> p95(546, 0.9108))
                .orElseThrow();
        assertEquals(rec.details().get("quantization"), "fp8");
        assertEquals(rec.estimatedImprovement().get("quality_after"), 0.9108);
        assertEquals(rec.riskLevel(), "low");
        assertTrue(QuantizationChange.evaluate(d, p95(750, 0.92), changes -> p95(546, 0.87)).isEmpty());
        assertTrue(QuantizationChange.evaluate(d, p95(750, 0.92), changes -> p95(760, 0.92)).isEmpty());
        assertTrue(QuantizationChange.evaluate(Inventory.deployment("d", VllmSettings.TUNED, "fp8", 1000),
                p95(750, 0.92), changes -> p95(100, 0.92)).isEmpty());
    }

    @Test
    public void batchingNeedsFewSequencesAndABusyGpu() {
        Deployment d = Inventory.deployment("d", new VllmSettings(0.9, 64, 32), "fp16", 1000);
        WhatIf faster = changes -> p95(700, 0.92);
        Recommendation rec = Batching.evaluate(d, 0.7, p95(1000, 0.92), faster).orElseThrow();
        assertEquals(rec.details().get("vllm_config"), new VllmSettings(0.9, 256, 32).toMap());
        assertTrue(Batching.evaluate(d, 0.6, p95(1000, 0.92), faster).isEmpty());
        assertTrue(Batching.evaluate(Inventory.deployment("d", new VllmSettings(0.9, 128, 32), "fp16", 1000), 0.9,
                p95(1000, 0.92), faster).isEmpty());
    }

    @Test
    public void referenceFleetGetsKvTuningAndFp8FromTheModel() {
        SimulatedFleet fleet = new SimulatedFleet("aws-medium");
        Deployment d = fleet.deployment("llama2-70b-chat");
        WhatIf model = fleet.whatIf(d.id());
        Prediction before = model.predict(Map.of());
        Recommendation kv = KvCacheTuning.evaluate(d, before, model).orElseThrow();
        double after = (double) kv.estimatedImprovement().get("latency_p95_ms_after");
        assertTrue(before.latencyP95Ms() > 1400 && after < 800, before.latencyP95Ms() + " -> " + after);
        Recommendation fp8 = QuantizationChange.evaluate(d, before, model).orElseThrow();
        assertTrue((double) fp8.estimatedImprovement().get("quality_drop_pct") < 5);
    }
}
