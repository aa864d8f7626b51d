package io.optiinfra.e2e.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.CrossCloudDetails;
import io.optiinfra.e2e.support.api.Infrastructure;
import io.optiinfra.e2e.support.api.Optimization;
import io.optiinfra.e2e.support.api.Recommendation;
import io.optiinfra.e2e.support.api.Validation;
import io.optiinfra.e2e.support.cloud.CloudSimulatorClient;
import io.optiinfra.e2e.support.data.DataProviders;
import io.optiinfra.e2e.support.data.Fleet;
import io.optiinfra.e2e.support.data.Scenarios;
import io.optiinfra.e2e.support.data.TestData;
import io.optiinfra.e2e.support.db.RedisSubscription;
import io.optiinfra.e2e.support.fixtures.Onboarding;
import io.optiinfra.e2e.support.fixtures.Optimizations;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.report.TestReport;
import io.optiinfra.e2e.support.wait.TimeBounds;
import io.optiinfra.e2e.support.wait.WaitHelper;
import org.testng.annotations.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.optiinfra.e2e.support.matchers.OptiInfraMatchers.optimizationSuccessful;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;

/**
 * Scenario 8 (SPEC §7), in both directions (AWS → GCP, GCP → AWS): one customer on AWS and GCP; the cost agent
 * proposes moving a deployment to the other cloud with savings net of data transfer; executed blue-green; afterwards
 * both clouds' inventories agree everywhere.
 */
@Test(groups = Groups.E2E, dependsOnGroups = Groups.SMOKE)
public class CrossCloudScenarioIT extends SuiteBase {
    private static final double HOURS_PER_MONTH = 730;

    @Test(dataProvider = DataProviders.CROSS_CLOUD_DIRECTIONS, dataProviderClass = DataProviders.class)
    public void placementOnTheCheaperCloudSavesNetOfEgressAndKeepsInventoriesConsistent(Scenarios.Direction direction) {
        Scenarios.CrossCloud expect = Scenarios.read("cross-cloud.json", Scenarios.CrossCloud.class);
        String type = expect.recommendationType();
        TestCustomer customer = newCustomer("Cross-Cloud " + direction);
        String customerId = customer.customerId();

        TestReport.step("Arrange: seed " + direction.fleets() + " into one account, onboard, wait for discovery");
        List<JsonNode> fleets = new ArrayList<>();
        direction.fleets().forEach(f -> fleets.add(CloudSimulatorClient.fleetFile(f)));
        fleets.forEach(f -> cloud().seedFleet(customerId, f));
        Onboarding.connectRuntime(api(), customer, fleets.get(0).get("cloud").asText(),
                fleets.get(0).get("region").asText());
        int total = fleets.stream().flatMap(f -> f.get("instances").findValues("count").stream())
                .mapToInt(JsonNode::asInt).sum();
        Onboarding.awaitDiscovered(customer, total);
        List<Fleet.CrossCloudMove> moves = direction.fleets().stream().map(f -> Fleet.named(f).expectations().crossCloud())
                .filter(java.util.Objects::nonNull).toList();
        assertThat("testdata: exactly one fleet expects a cross-cloud move", moves, hasSize(1));
        Fleet.CrossCloudMove move = moves.get(0);
        String deployment = move.deploymentId();
        JsonNode before = cloud().runningInstances(customerId);

        try (RedisSubscription events = db().subscribe("optiinfra:customer:" + customerId + ":events")) {
            TestReport.step("Act: the cost agent analyses both clouds");
            Onboarding.analyzeAndWait(customer, "cost", Optimizations.RECOMMENDATION_TIMEOUT);
            Recommendation rec = Api.read(customer.client().recommendation(
                    Optimizations.awaitValidatedRecommendation(customer, type).id()), Recommendation.class);
            CrossCloudDetails d = rec.details(CrossCloudDetails.class);
            assertThat("only one deployment is worth moving", Optimizations.recommendations(customer).stream()
                    .filter(r -> type.equals(r.type())).toList(), hasSize(1));

            TestReport.step("Assert: the move the testdata expects, its instances as the simulator has them");
            assertThat(d.deploymentId(), equalTo(deployment));
            assertThat("target_cloud", d.targetCloud(), equalTo(move.targetCloud()));
            assertThat("target_cloud of the direction", d.targetCloud(), equalTo(direction.toCloud()));
            assertThat("target_instance_type", d.targetInstanceType(), equalTo(move.targetInstanceType()));
            assertThat("target_count", d.targetCount(), equalTo(move.targetCount()));
            List<JsonNode> current = new ArrayList<>();
            before.forEach(i -> {
                if (deployment.equals(i.path("deployment_id").asText())) {
                    current.add(i);
                }
            });
            List<String> originalIds = sorted(current.stream().map(i -> i.get("id").asText()).toList());
            assertThat("instance_ids", sorted(d.instanceIds()), equalTo(originalIds));
            String fromCloud = current.get(0).get("cloud").asText();
            assertThat(d.fromCloud(), equalTo(fromCloud));
            assertThat("from_cloud of the direction", fromCloud, equalTo(direction.fromCloud()));
            assertThat(d.targetCloud(), not(equalTo(fromCloud)));

            TestReport.step("Assert: savings net of egress, recomputed from the simulator catalog");
            double currentHourly = 0;
            for (JsonNode i : current) {
                currentHourly += cloud().instanceType(i.get("cloud").asText(), i.get("instance_type").asText())
                        .get("on_demand_hourly").asDouble();
            }
            String targetCloud = d.targetCloud();
            JsonNode target = cloud().instanceType(targetCloud, d.targetInstanceType());
            int targetCount = number(d.targetCount()).intValue();
            double gbMonth = cloud().deployment(customerId, deployment).get("data_transfer_gb_month").asDouble();
            double perGb = egressPrice(fromCloud, targetCloud);
            double gross = (currentHourly - target.get("on_demand_hourly").asDouble() * targetCount) * HOURS_PER_MONTH;
            double egressCost = gbMonth * perGb;
            TestReport.metric("gross savings (catalog)", gross, "USD/month");
            TestReport.metric("egress cost (catalog)", egressCost, "USD/month");
            assertThat("estimated_savings net of egress", number(rec.estimatedSavings()),
                    closeTo(gross - egressCost, 0.01));
            assertThat("gross_savings", number(d.grossSavings()), closeTo(gross, 0.01));
            assertThat("egress_cost_monthly", number(d.egressCostMonthly()), closeTo(egressCost, 0.01));
            assertThat("data_transfer_gb_month", number(d.dataTransferGbMonth()), closeTo(gbMonth, 1e-9));
            assertThat("egress_price_per_gb", number(d.egressPricePerGb()), closeTo(perGb, 1e-9));
            assertThat("gross savings (catalog) vs testdata", gross, closeTo(move.grossSavings(), 0.01));
            assertThat("egress cost (catalog) vs testdata", egressCost, closeTo(move.egressCostMonthly(), 0.01));
            assertThat("estimated_savings vs testdata", number(rec.estimatedSavings()),
                    closeTo(move.estimatedSavings(), 0.01));
            List<String> regions = TestData.mapper().convertValue(target.get("regions"), List.class);
            assertThat("target region offers the type", regions, hasItem(d.targetRegion()));

            TestReport.step("Assert: validated by performance (within SLO) and application (baseline)");
            double slo = cloud().deployment(customerId, deployment).get("slo_p95_ms").asDouble();
            Validation performance = rec.requireValidation("performance");
            assertThat("performance validation", performance.approved(), equalTo(true));
            assertThat(number(performance.predictedP95Ms()), lessThanOrEqualTo(slo));
            JsonNode whatIf = cloud().predict(customerId, deployment, TestData.mapper().valueToTree(Map.of(
                    "instance_type", d.targetInstanceType(), "instance_count", targetCount, "spot_share", 0.0)));
            TestReport.metric("p95 on the target (simulator what-if)", whatIf.get("latency_p95_ms").asDouble(), "ms");
            assertThat("predicted_p95_ms vs the simulator's what-if", number(performance.predictedP95Ms()),
                    closeTo(whatIf.get("latency_p95_ms").asDouble(), 0.01));
            assertThat(rec.requireValidation("application").baselineEstablished(), equalTo(true));

            TestReport.step("Act: approve and let the blue-green replacement run");
            Instant beforeApproval = Instant.now();
            double costBefore = Optimizations.sampleBefore(db(), customer, "monthly_cost", "account", beforeApproval);
            String optimizationId = Optimizations.approve(customer, rec);
            Optimization optimization = Optimizations.awaitEnd(customer, optimizationId);
            Instant completedAt = Instant.now();
            assertThat(optimization, optimizationSuccessful());
            assertThat(optimization.stepNames(), equalTo(expect.steps()));

            TestReport.step("Assert: the simulator runs the deployment on the target cloud only");
            JsonNode after = cloud().runningInstances(customerId);
            List<JsonNode> moved = new ArrayList<>();
            after.forEach(i -> {
                if (deployment.equals(i.path("deployment_id").asText())) {
                    moved.add(i);
                }
            });
            assertThat("running instances of " + deployment, moved, hasSize(targetCount));
            for (JsonNode i : moved) {
                assertThat(i.get("id").asText() + " cloud", i.get("cloud").asText(), equalTo(targetCloud));
                assertThat(i.get("id").asText() + " region", i.get("region").asText(), equalTo(d.targetRegion()));
                assertThat(i.get("id").asText() + " type", i.get("instance_type").asText(),
                        equalTo(d.targetInstanceType()));
            }
            Map<String, String> states = new TreeMap<>();
            cloud().instances(customerId).forEach(i -> states.put(i.get("id").asText(), i.get("state").asText()));
            originalIds.forEach(id -> assertThat("original " + id, states.get(id), equalTo("terminated")));
            assertThat("other deployments and instances untouched", after.size(),
                    equalTo(before.size() - current.size() + targetCount));

            TestReport.step("Assert: the platform's inventory agrees with the simulator for both clouds");
            Map<String, String> simulated = cloudById(after);
            WaitHelper.until("infrastructure of " + customer + " refreshed to the simulator's " + simulated.size()
                    + " instances", Onboarding.DISCOVERY_TIMEOUT, () -> customer.client().infrastructure(customerId),
                    r -> r.statusCode() == 200 && cloudById(Api.read(r, Infrastructure.class).requireInstances())
                            .equals(simulated));

            TestReport.step("Prove in stores: ClickHouse cost drop, outcome in PostgreSQL, Redis events");
            double costAfter = Optimizations.awaitSampleAfter(db(), customer, "monthly_cost", "account", completedAt);
            TestReport.metric("monthly cost before", costBefore, "USD");
            TestReport.metric("monthly cost after", costAfter, "USD");
            assertThat("measured monthly_cost before vs the fleets' pinned cost", costBefore, closeTo(direction.fleets()
                    .stream().mapToDouble(f -> Fleet.named(f).expectations().monthlyCost()).sum(), 0.02));
            assertThat(costAfter, lessThan(costBefore));
            assertThat("measured drop vs the recomputed gross (compute) saving", costBefore - costAfter,
                    closeTo(gross, gross * expect.measuredDropTolerancePct() / 100));
            List<Map<String, Object>> outcome = db().postgres("SELECT success, predicted_savings, recommendation_type "
                    + "FROM optimization_outcomes WHERE optimization_id = ?::uuid", optimizationId);
            assertThat(outcome, hasSize(1));
            assertThat(outcome.get(0).get("success"), equalTo(true));
            assertThat(outcome.get(0).get("recommendation_type"), equalTo(type));
            assertThat(number((Number) outcome.get(0).get("predicted_savings")), closeTo(number(rec.estimatedSavings()), 0.01));
            assertThat(db().postgres("SELECT status FROM recommendations WHERE id = ?::uuid", rec.id()).get(0)
                    .get("status"), equalTo("completed"));
            WaitHelper.until("optimization_completed published on Redis", TimeBounds.EVENT_DELIVERY, events::messages,
                    m -> m.stream().anyMatch(s -> s.contains("\"optimization_completed\"")));
        }
    }

    private double egressPrice(String fromCloud, String toCloud) {
        for (JsonNode e : cloud().egress()) {
            if (fromCloud.equals(e.get("from_cloud").asText()) && toCloud.equals(e.get("to_cloud").asText())) {
                return e.get("price_per_gb").asDouble();
            }
        }
        throw new AssertionError("the simulator catalog has no egress price " + fromCloud + " -> " + toCloud);
    }

    /** Running instances as id → cloud. */
    private static Map<String, String> cloudById(JsonNode instances) {
        Map<String, String> byId = new TreeMap<>();
        instances.forEach(i -> byId.put(i.get("id").asText(), i.get("cloud").asText()));
        return byId;
    }

    /** The platform's inventory as id → cloud. */
    private static Map<String, String> cloudById(List<Infrastructure.Instance> instances) {
        Map<String, String> byId = new TreeMap<>();
        instances.forEach(i -> byId.put(i.id(), i.cloud()));
        return byId;
    }

    private static List<String> sorted(List<String> ids) {
        return ids.stream().sorted().toList();
    }

    /** A number the platform must have sent: null (omitted) fails naming it. */
    private static Double number(Number value) {
        if (value == null) {
            throw new AssertionError("a number the platform omitted");
        }
        return value.doubleValue();
    }
}
