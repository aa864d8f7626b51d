package io.optiinfra.collector;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.cloudsim.CloudSimulator;
import io.optiinfra.cloudsim.deployments.DeploymentRequests.CanaryChange;
import io.optiinfra.common.Json;
import io.optiinfra.store.MetricPoint;
import org.testng.annotations.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.optiinfra.collector.SimFixtures.DEPLOYMENT;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

public class TelemetryMapperTest {
    private static final Instant TS = Instant.parse("2024-05-01T12:00:00.123Z");
    private final CloudSimulator sim = new CloudSimulator();

    @Test
    public void overallBlockGivesEightPointsWithoutCanary() {
        String cid = SimFixtures.customer();
        SimFixtures.seed(sim, cid, "aws-small");
        JsonNode metrics = SimFixtures.metrics(sim, cid, DEPLOYMENT);

        List<MetricPoint> points = TelemetryMapper.deploymentPoints(cid, DEPLOYMENT, metrics, TS, 1.5);

        assertEquals(points.size(), 8);
        assertEquals(points.stream().map(MetricPoint::metricType).collect(Collectors.toSet()),
                Set.copyOf(TelemetryMapper.METRIC_TYPES));
        for (MetricPoint p : points) {
            assertEquals(p.customerId(), cid);
            assertEquals(p.resourceId(), DEPLOYMENT);
            assertEquals(p.timestamp(), TS);
            assertEquals(p.value(), metrics.get("overall").get(p.metricType()).asDouble(), p.metricType());
            assertFalse(Json.read(p.labels()).has("variant"));
            assertEquals(Json.read(p.labels()).get("sim_minutes").asDouble(), 1.5);
        }
    }

    @Test
    public void canaryAndStableBlocksOnlyWhileACanaryRuns() {
        String cid = SimFixtures.customer();
        SimFixtures.seed(sim, cid, "aws-small");
        sim.deployments().setCanary(cid, DEPLOYMENT, new CanaryChange(10.0, null, "int8"));
        JsonNode metrics = SimFixtures.metrics(sim, cid, DEPLOYMENT);

        List<MetricPoint> points = TelemetryMapper.deploymentPoints(cid, DEPLOYMENT, metrics, TS, 0);

        Map<String, List<MetricPoint>> byResource = points.stream()
                .collect(Collectors.groupingBy(MetricPoint::resourceId));
        assertEquals(byResource.keySet(), Set.of(DEPLOYMENT, DEPLOYMENT + "#canary", DEPLOYMENT + "#stable"));
        byResource.values().forEach(list -> assertEquals(list.size(), 8));
        for (MetricPoint p : byResource.get(DEPLOYMENT + "#canary")) {
            assertEquals(Json.read(p.labels()).get("variant").asText(), "canary");
            assertEquals(p.value(), metrics.get("canary").get(p.metricType()).asDouble(), p.metricType());
        }
        for (MetricPoint p : byResource.get(DEPLOYMENT + "#stable")) {
            assertEquals(Json.read(p.labels()).get("variant").asText(), "stable");
            assertEquals(p.value(), metrics.get("stable").get(p.metricType()).asDouble(), p.metricType());
        }

        sim.deployments().removeCanary(cid, DEPLOYMENT);
        List<MetricPoint> after = TelemetryMapper.deploymentPoints(cid, DEPLOYMENT,
                SimFixtures.metrics(sim, cid, DEPLOYMENT), TS, 0);
        assertTrue(after.stream().allMatch(p -> p.resourceId().equals(DEPLOYMENT)));
        assertEquals(after.size(), 8);
    }

    @Test
    public void accountPointsCarryTheSummaryCosts() {
        String cid = SimFixtures.customer();
        SimFixtures.seed(sim, cid, "aws-small");

        List<MetricPoint> points = TelemetryMapper.accountPoints(cid, SimFixtures.summary(sim, cid), TS, 0);

        assertEquals(points.size(), 2);
        Map<String, Double> values = points.stream()
                .collect(Collectors.toMap(MetricPoint::metricType, MetricPoint::value));
        assertEquals(values.get("monthly_cost"), 48732.76, 0.01);
        assertEquals(values.get("hourly_cost"), 2 * 32.7726 + 1.2120, 0.0001);
        assertTrue(points.stream().allMatch(p -> p.resourceId().equals("account") && p.timestamp().equals(TS)));
    }

    @Test
    public void missingOrNonNumericFieldsAreSkipped() {
        JsonNode metrics = Json.read("{\"overall\":{\"latency_p95_ms\":120.5,\"error_rate\":null,"
                + "\"quality_score\":\"high\"},\"stable\":{\"latency_p95_ms\":1},\"canary\":null}");
        List<MetricPoint> points = TelemetryMapper.deploymentPoints("c1", "d1", metrics, TS, 0);
        assertEquals(points.size(), 1);
        assertEquals(points.get(0).metricType(), "latency_p95_ms");
        assertEquals(points.get(0).value(), 120.5);
    }

    @Test
    public void simMinutesFollowTheTimeScale() {
        Instant start = Instant.parse("2024-05-01T12:00:00Z");
        assertEquals(TelemetryMapper.simMinutes(start, start.plusSeconds(2), 60), 2.0, 1e-9);
        assertEquals(TelemetryMapper.simMinutes(start, start.plusSeconds(3), 600), 30.0, 1e-9);
    }
}
