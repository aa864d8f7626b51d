package io.optiinfra.agents.shared;

import io.optiinfra.common.Json;
import io.optiinfra.store.ClickHouseMetrics.Average;
import org.testng.annotations.Test;

import java.util.Map;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;

public class SharedFiguresTest {

    @Test
    public void riskLevelsFollowTheDocumentedThresholds() {
        assertEquals(Risk.fromInterruptionRate(0.05), "low");
        assertEquals(Risk.fromInterruptionRate(0.0500001), "medium");
        assertEquals(Risk.fromInterruptionRate(0.10), "medium");
        assertEquals(Risk.fromInterruptionRate(0.11), "high");
        assertEquals(Risk.fromLatencyHeadroom(700, 1000), "low");
        assertEquals(Risk.fromLatencyHeadroom(900, 1000), "medium");
        assertEquals(Risk.fromLatencyHeadroom(950, 1000), "high");
    }

    @Test
    public void catalogReservedPriceIsOptional() {
        PriceBook book = PriceBook.fromCatalog(Json.read("[{\"cloud\":\"aws\",\"instance_type\":\"a\","
                + "\"regions\":[\"us-east-1\"],\"on_demand_hourly\":2.0,\"spot_hourly\":1.0,"
                + "\"spot_interruption_rate\":0.05,\"reserved_1yr_hourly\":1.5},"
                + "{\"cloud\":\"aws\",\"instance_type\":\"b\",\"on_demand_hourly\":3.0,\"spot_hourly\":1.0}]"));
        assertEquals(book.find("a").orElseThrow().reserved1yrHourly(), 1.5);
        assertEquals(book.find("a").orElseThrow().hourly("spot"), 1.0);
        assertEquals(book.find("a").orElseThrow().hourly("reserved_1yr"), 1.5);
        assertNull(book.find("b").orElseThrow().reserved1yrHourly());
        assertEquals(book.find("b").orElseThrow().hourly("reserved_1yr"), 3.0);
        assertEquals(Money.monthly(1.2120), 884.76);
    }

    @Test
    public void observedFallsBackToTheSimulatorPerMetric() {
        var live = Json.read("{\"overall\":{\"latency_p95_ms\":1550,\"gpu_utilization\":0.48,"
                + "\"quality_score\":0.92,\"error_rate\":0.002}}");
        Observed none = Observed.of(Map.of(), live);
        assertEquals(none.gpuUtilization(), 0.48);
        assertEquals(none.source(), Observed.SIMULATOR);
        Observed some = Observed.of(Map.of("gpu_utilization", new Average(0.2, 30)), live);
        assertEquals(some.gpuUtilization(), 0.2);
        assertEquals(some.latencyP95Ms(), 1550.0);
        assertEquals(some.source(), "clickhouse+simulator");
    }

    @Test
    public void recommendationsCarryTheBaseConfidenceOfTheirType() {
        Recommendation rec = new Recommendation("spot_migration", "t", "low", 1234.5678, Map.of(),
                java.util.List.of("d"), Map.of("deployment_id", "d"));
        Map<String, Object> wire = rec.toWire();
        assertEquals(wire.get("confidence"), 0.8);
        assertEquals(wire.get("estimated_savings"), 1234.57);
        assertEquals(wire.get("risk_level"), "low");
    }
}
