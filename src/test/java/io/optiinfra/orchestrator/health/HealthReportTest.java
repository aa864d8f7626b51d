package io.optiinfra.orchestrator.health;

import org.testng.annotations.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

public class HealthReportTest {

    @Test
    public void allStoresUpIsHealthy() {
        HealthRoutes.HealthReport report = HealthRoutes.HealthReport.of(stores(true, true, true), 4);
        assertTrue(report.healthy());
        assertEquals(report.body().get("status"), "healthy");
        assertEquals(((Map<?, ?>) report.body().get("components")).get("clickhouse"), "up");
        assertEquals(((Map<?, ?>) report.body().get("components")).get("agents"), Map.of("active", 4));
    }

    @Test
    public void activeAgentsAreCountedPerType() {
        HealthRoutes.HealthReport report = HealthRoutes.HealthReport.of(stores(true, true, true),
                Map.of("cost", 2, "performance", 1));
        assertEquals(((Map<?, ?>) report.body().get("components")).get("agents"),
                Map.of("active", 3, "by_type", Map.of("cost", 2, "performance", 1)));
    }

    @Test
    public void anyStoreDownIsUnhealthyAndNamesIt() {
        HealthRoutes.HealthReport report = HealthRoutes.HealthReport.of(stores(true, false, true), 0);
        assertFalse(report.healthy());
        assertEquals(report.body().get("status"), "unhealthy");
        assertEquals(((Map<?, ?>) report.body().get("components")).get("clickhouse"), "down");
        assertEquals(((Map<?, ?>) report.body().get("components")).get("postgres"), "up");
    }

    private static Map<String, BooleanSupplier> stores(boolean pg, boolean ch, boolean redis) {
        Map<String, BooleanSupplier> stores = new LinkedHashMap<>();
        stores.put("postgres", () -> pg);
        stores.put("clickhouse", () -> ch);
        stores.put("redis", () -> redis);
        return stores;
    }
}
