package io.optiinfra.agents.application;

import io.optiinfra.agents.shared.Baseline;
import io.optiinfra.agents.shared.Observed;
import io.optiinfra.store.ClickHouseMetrics.Average;
import io.optiinfra.common.Json;
import org.testng.annotations.Test;

import java.util.Map;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

public class QualityBaselinesTest {

    @Test
    public void baselineIsTheAverageOfRecentTelemetry() {
        Observed observed = Observed.of(Map.of("quality_score", new Average(0.91876543, 42)),
                Json.read("{\"overall\":{\"latency_p95_ms\":700,\"gpu_utilization\":0.4,\"quality_score\":0.5,"
                        + "\"error_rate\":0.002}}"));
        Baseline b = QualityBaselines.baseline("d", observed);
        assertEquals(b.baseline(), 0.91877);
        assertEquals(b.samples(), 42);
    }

    @Test
    public void aRegressionIsQualityBelowNinetyFivePercentOfBaseline() {
        Baseline b = new Baseline("d", 0.92, 10);
        assertTrue(QualityBaselines.detect(b, 0.874).isEmpty()); // exactly 95 %
        var r = QualityBaselines.detect(b, 0.8).orElseThrow();
        assertEquals(r.deploymentId(), "d");
        assertEquals(r.dropPct(), 13.04);
        assertEquals(r.toWire().keySet(), java.util.Set.of("deployment_id", "baseline", "current", "drop_pct"));
    }
}
