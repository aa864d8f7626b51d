package io.optiinfra.agents.cost;

import io.optiinfra.agents.performance.ChangeValidation;
import io.optiinfra.agents.runtime.MalformedTask;
import io.optiinfra.agents.shared.CustomerContext;
import io.optiinfra.agents.shared.Deployment;
import io.optiinfra.agents.shared.EgressPrices;
import io.optiinfra.agents.shared.Instance;
import io.optiinfra.agents.shared.InstancePrice;
import io.optiinfra.agents.shared.Prediction;
import io.optiinfra.agents.shared.PriceBook;
import io.optiinfra.agents.shared.Recommendation;
import io.optiinfra.agents.shared.VllmSettings;
import io.optiinfra.agents.shared.WhatIf;
import io.optiinfra.agents.support.Inventory;
import io.optiinfra.agents.support.SimulatedFleet;
import io.optiinfra.cloudsim.catalog.Catalog;
import io.optiinfra.cloudsim.seed.FleetDocument;
import io.optiinfra.common.Json;
import org.testng.annotations.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

public class CrossCloudPlacementTest {
    private static final EgressPrices EGRESS = EgressPrices.of(Map.of("aws->gcp", 0.09, "gcp->aws", 0.12));

    /** AWS "big" (40/h, perf 1.1) against two GCP types; "gcp-other-region" is offered outside us-central1. */
    private static PriceBook catalog() {
        return new PriceBook(List.of(
                new InstancePrice("aws", "big", List.of("us-east-1"), 40.0, 14.0, 0.05, 24.0, 1.1),
                new InstancePrice("gcp", "gcp-a", List.of("us-central1"), 30.0, 9.0, 0.06, 18.0, 0.95),
                new InstancePrice("gcp", "gcp-small", List.of("us-central1"), 1.0, 0.3, 0.07, null, 0.08),
                new InstancePrice("gcp", "gcp-other-region", List.of("europe-west4"), 0.1, 0.05, 0.05, null, 1.0)));
    }

    private static Deployment deployment(double transferGbMonth) {
        return new Deployment("d", "meta-llama/Llama-2-70b-chat-hf", "aws", "us-east-1", "big", List.of(),
                new VllmSettings(0.9, 256, 32), "fp16", 1500, 60, false, transferGbMonth);
    }

    /** Records what was asked; p95 per target type. */
    private static WhatIf model(Map<String, Double> p95ByType, List<Map<String, Object>> asked) {
        return changes -> {
            asked.add(changes);
            return new Prediction(p95ByType.get((String) changes.get("instance_type")), 0, 0.5, 0.92, 0.002, 0);
        };
    }

    @Test
    public void netSavingIsGrossMinusEgressForTheSameThroughput() {
        List<Map<String, Object>> asked = new ArrayList<>();
        Recommendation rec = CrossCloudPlacement.evaluate(deployment(20000),
                Inventory.instances("d", "big", "on_demand", 4), catalog(), EGRESS,
                model(Map.of("gcp-a", 900.0, "gcp-small", 9000.0), asked)).orElseThrow();

        double gross = (4 * 40.0 - 5 * 30.0) * 730; // ceil(4 × 1.1 / 0.95) = 5
        double egress = 20000 * 0.09;
        assertEquals(rec.type(), CrossCloudPlacement.TYPE);
        assertEquals(rec.details().get("target_count"), 5);
        assertEquals(rec.details().get("target_cloud"), "gcp");
        assertEquals(rec.details().get("target_region"), "us-central1");
        assertEquals(rec.details().get("target_instance_type"), "gcp-a");
        assertEquals(rec.details().get("target_market"), "on_demand");
        assertEquals(rec.details().get("from_cloud"), "aws");
        assertEquals(rec.details().get("from_instance_type"), "big");
        assertEquals(rec.details().get("egress_price_per_gb"), 0.09);
        assertEquals((double) rec.details().get("gross_savings"), gross, 1e-6);
        assertEquals((double) rec.details().get("egress_cost_monthly"), egress, 1e-6);
        assertEquals(rec.estimatedSavings(), gross - egress, 1e-6);
        assertEquals(rec.estimatedImprovement().get("predicted_p95_ms"), 900.0);
        assertEquals(rec.affectedResources(), CustomerContext.ids(Inventory.instances("d", "big", "on_demand", 4)));
        assertEquals(rec.riskLevel(), "medium");
        assertEquals(rec.confidence(), 0.65);
        // gcp-small nets more (55 × 1/h) but is tried first and fails the SLO; the other region is never tried
        assertEquals(asked.stream().map(c -> c.get("instance_type")).toList(), List.of("gcp-small", "gcp-a"));
        assertEquals(asked.get(1), Map.of("instance_type", "gcp-a", "instance_count", 5, "spot_share", 0.0));
    }

    @Test
    public void noRecommendationWhenNothingKeepsTheSlo() {
        assertTrue(CrossCloudPlacement.evaluate(deployment(0), Inventory.instances("d", "big", "on_demand", 4),
                catalog(), EGRESS, model(Map.of("gcp-a", 1500.1, "gcp-small", 9000.0), new ArrayList<>())).isEmpty());
    }

    @Test
    public void noRecommendationWhenEgressEatsTheSaving() {
        // gcp-a grosses 7,300/month: one GB past break-even leaves a negative net; gcp-small (76,650) still pays
        double pastBreakEven = (4 * 40.0 - 5 * 30.0) * 730 / 0.09 + 1;
        assertEquals(CrossCloudPlacement.options("aws", 160, 4.4, pastBreakEven, catalog(), EGRESS).stream()
                .map(o -> o.target().name()).toList(), List.of("gcp-small"));
        // 1,000,000 GB × 0.09 = 90,000/month exceeds every gross saving: nothing is even worth predicting
        List<Map<String, Object>> asked = new ArrayList<>();
        assertTrue(CrossCloudPlacement.evaluate(deployment(1_000_000), Inventory.instances("d", "big", "on_demand", 4),
                catalog(), EGRESS, model(Map.of("gcp-a", 100.0, "gcp-small", 100.0), asked)).isEmpty());
        assertTrue(asked.isEmpty(), asked.toString());
    }

    @Test
    public void targetCountKeepsTheThroughput() {
        assertEquals(CrossCloudPlacement.targetCount(4 * 1.1, 0.95), 5);
        assertEquals(CrossCloudPlacement.targetCount(2 * 1.0, 0.5), 4);
        assertEquals(CrossCloudPlacement.targetCount(0.1 + 0.2, 0.3), 1); // 1.0000000000000002, not 2
        assertEquals(CrossCloudPlacement.targetCount(0.95, 1.0), 1);
    }

    @Test
    public void onlyWhollyOnDemandDeploymentsOnRatedTypesMove() {
        WhatIf fast = model(Map.of("gcp-a", 100.0, "gcp-small", 100.0), new ArrayList<>());
        List<Instance> mixed = new ArrayList<>(Inventory.instances("d", "big", "on_demand", 3));
        mixed.addAll(Inventory.instances("d", "big", "spot", 1));
        assertTrue(CrossCloudPlacement.evaluate(deployment(0), mixed, catalog(), EGRESS, fast).isEmpty());
        assertTrue(CrossCloudPlacement.evaluate(deployment(0), List.of(), catalog(), EGRESS, fast).isEmpty());
        PriceBook unrated = new PriceBook(List.of(new InstancePrice("aws", "big", List.of("us-east-1"), 40, 14, 0.05,
                null), new InstancePrice("gcp", "gcp-a", List.of("us-central1"), 1, 0.5, 0.05, null)));
        assertTrue(CrossCloudPlacement.evaluate(deployment(0), Inventory.instances("d", "big", "on_demand", 4),
                unrated, EGRESS, fast).isEmpty());
        assertTrue(CrossCloudPlacement.evaluate(deployment(0), Inventory.instances("d", "big", "on_demand", 4),
                catalog(), EgressPrices.of(Map.of()), fast).isEmpty(), "no egress price, no figure");
    }

    @Test
    public void multicloudFleetMovesToFiveA2HighgpuNetOfEgress() throws IOException, MalformedTask {
        SimulatedFleet fleet = new SimulatedFleet("multicloud-aws");
        fleet.sim.seeder().seed(fleet.customerId, Json.read(Files.readString(fleetFile("multicloud-gcp")),
                FleetDocument.class));
        CustomerContext context = fleet.context();
        EgressPrices egress = EgressPrices.fromCatalog(Json.MAPPER.valueToTree(Catalog.egress()));
        Deployment aws = context.deployment("llama-70b-multicloud").orElseThrow();
        assertEquals(aws.dataTransferGbMonth(), 20000.0);

        Recommendation rec = CrossCloudPlacement.evaluate(aws, context.runningInstancesOf(aws),
                SimulatedFleet.prices(), egress, fleet.whatIf(aws.id())).orElseThrow();
        var expected = Json.read(Files.readString(fleetFile("multicloud-aws"))).get("expectations").get("cross_cloud");
        assertEquals(rec.details().get("target_instance_type"), expected.get("target_instance_type").asText());
        assertEquals(rec.details().get("target_count"), expected.get("target_count").asInt());
        assertEquals((double) rec.details().get("gross_savings"), expected.get("gross_savings").asDouble(), 0.005);
        assertEquals((double) rec.details().get("egress_cost_monthly"),
                expected.get("egress_cost_monthly").asDouble(), 0.005);
        assertEquals(rec.estimatedSavings(), expected.get("estimated_savings").asDouble(), 0.01);
        double p95 = (double) rec.estimatedImprovement().get("predicted_p95_ms");
        assertTrue(p95 < 1000, "well inside the 1500 ms SLO: " + p95);

        // the Performance agent models the same move and approves it
        double validated = fleet.whatIf(aws.id()).predict(ChangeValidation.changes(rec.type(),
                Json.MAPPER.valueToTree(rec.details()))).latencyP95Ms();
        assertEquals(validated, p95, 1e-9);
        assertTrue(ChangeValidation.judge(rec.type(), validated, aws.sloP95Ms()).approved());

        Deployment gcp = context.deployment("llama2-70b-gcp-internal").orElseThrow();
        assertTrue(CrossCloudPlacement.evaluate(gcp, context.runningInstancesOf(gcp), SimulatedFleet.prices(),
                egress, fleet.whatIf(gcp.id())).isEmpty(), "no AWS type is cheaper and within the SLO");
    }

    private static Path fleetFile(String name) {
        String projectDir = System.getProperty("optiinfra.projectDir", "");
        return (projectDir.isBlank() ? Path.of("") : Path.of(projectDir)).resolve("testdata/fleets/" + name + ".json");
    }
}
