package io.optiinfra.e2e.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Optimization;
import io.optiinfra.e2e.support.api.Recommendation;
import io.optiinfra.e2e.support.api.Validation;
import io.optiinfra.e2e.support.data.DataProviders;
import io.optiinfra.e2e.support.data.Fleet;
import io.optiinfra.e2e.support.data.Scenarios;
import io.optiinfra.e2e.support.db.RedisSubscription;
import io.optiinfra.e2e.support.fixtures.FleetState;
import io.optiinfra.e2e.support.fixtures.Onboarding;
import io.optiinfra.e2e.support.fixtures.Optimizations;
import io.optiinfra.e2e.support.fixtures.RolloutEvidence;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.perf.Charts;
import io.optiinfra.e2e.support.report.TestReport;
import io.optiinfra.e2e.support.wait.TimeBounds;
import io.optiinfra.e2e.support.wait.WaitHelper;
import org.testng.annotations.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.optiinfra.e2e.support.matchers.OptiInfraMatchers.costReducedByAtLeast;
import static io.optiinfra.e2e.support.matchers.OptiInfraMatchers.optimizationSuccessful;
import static io.optiinfra.e2e.support.matchers.OptiInfraMatchers.qualityMaintained;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;

/**
 * Scenario 1 (SPEC §7), over every fleet with an interruption-tolerant deployment: the deployment moves to spot
 * through a gated blue-green rollout; the fleet ends exactly as its file pins (instances, types, markets per
 * deployment, cost), and the measured cost drop is the recommendation's estimate within 1 %.
 */
@Test(groups = Groups.E2E, dependsOnGroups = Groups.SMOKE)
public class SpotMigrationScenarioIT extends SuiteBase {
    private static final String SCENARIO = "spot-migration.json";
    /** Money pinned in testdata is rounded to the cent. */
    private static final double CENTS = 0.02;

    @Test(dataProvider = DataProviders.SPOT_ELIGIBLE_FLEETS, dataProviderClass = DataProviders.class)
    public void spotMigrationEndsInThePinnedFleetAndCutsMeasuredCost(Fleet fleet) {
        Scenarios.SpotMigration expect = Scenarios.read(SCENARIO, Scenarios.SpotMigration.class);
        Fleet.Outcome pinned = fleet.outcome(expect.recommendationType());
        Fleet.DeploymentSpec deployment = fleet.deployment(pinned.deploymentId());
        TestCustomer customer = newCustomer("Spot Migration " + fleet);
        String customerId = customer.customerId();
        Onboarding.onboardFleet(api(), cloud(), customer, fleet.name());

        try (RedisSubscription events = db().subscribe("optiinfra:customer:" + customerId + ":events")) {
            TestReport.step("Act: the cost agent analyses " + fleet);
            List<String> onDemand = FleetState.instanceIds(cloud(), customerId, deployment.id(), "on_demand");
            Onboarding.analyzeAndWait(customer, "cost", Optimizations.RECOMMENDATION_TIMEOUT);
            Recommendation spot = Optimizations.awaitRecommendation(customer, expect.recommendationType());

            TestReport.step("Assert: the pinned deployment and savings, recomputed from the simulator's catalog");
            assertThat("deployment migrated", spot.deploymentId(), equalTo(deployment.id()));
            assertThat("instances to migrate = the deployment's on-demand instances (simulator)",
                    spot.detailIds("instance_ids").stream().sorted().toList(), equalTo(onDemand));
            double catalog = FleetState.monthlySavingsFromCatalog(cloud(), customerId, onDemand, "spot_hourly");
            TestReport.metric("estimated savings", spot.estimatedSavings(), "USD/month");
            TestReport.metric("savings from the catalog", catalog, "USD/month");
            assertThat("estimated_savings vs the catalog", spot.estimatedSavings(), closeTo(catalog, CENTS));
            assertThat("estimated_savings vs testdata", spot.estimatedSavings(), closeTo(pinned.estimatedSavings(), CENTS));
            assertThat(spot.estimatedSavings(), greaterThan(expect.minSavingsUsdMonth()));
            assertThat("risk_level", expect.allowedRiskLevels(), hasItem(spot.riskLevel()));

            TestReport.step("Assert: validations; the predicted p95 recomputed through the simulator");
            Validation performance = spot.requireValidation("performance");
            JsonNode predicted = cloud().predict(customerId, deployment.id(),
                    toTree(Map.of("spot_share", 1.0)));
            double simulatorP95 = predicted.get("latency_p95_ms").asDouble();
            TestReport.metric("p95 on spot (simulator what-if)", simulatorP95, "ms");
            assertThat("performance validation " + performance, performance.approved(), equalTo(true));
            assertThat("predicted_p95_ms vs the simulator's what-if", performance.predictedP95Ms(),
                    closeTo(simulatorP95, 0.01));
            assertThat("p95 on spot vs the SLO", simulatorP95, lessThanOrEqualTo(deployment.sloP95Ms()));
            assertThat("application validation " + spot.requireValidation("application"),
                    spot.requireValidation("application").baselineEstablished(), equalTo(true));
            double baseline = RolloutEvidence.qualityBaseline(db(), customer, deployment.id());

            TestReport.step("Act: approve and let the rollout run");
            Instant beforeApproval = Instant.now();
            double costBefore = Optimizations.sampleBefore(db(), customer, "monthly_cost", "account", beforeApproval);
            String optimizationId = Optimizations.approve(customer, spot);
            Optimization optimization = Optimizations.awaitEnd(customer, optimizationId);
            Instant completedAt = Instant.now();

            TestReport.step("Assert: all seven steps completed, in order");
            assertThat(optimization, optimizationSuccessful());
            assertThat(optimization.stepNames(), equalTo(expect.steps()));

            TestReport.step("Assert: quality held ≥ " + expect.minQualityRatio() + " of the baseline (canary telemetry)");
            List<Double> canaryQuality = RolloutEvidence.samples(db(), customer, "quality_score",
                    deployment.id() + "#canary", beforeApproval, completedAt);
            assertThat("canary quality samples during the rollout", canaryQuality, not(hasSize(0)));
            assertThat(canaryQuality, everyItem(qualityMaintained(baseline, expect.minQualityRatio())));

            TestReport.step("Assert: the fleet ends exactly as " + fleet + ".json pins it (simulator)");
            assertThat("running instances by deployment, type and market", FleetState.runningGroups(cloud(), customerId),
                    equalTo(FleetState.sorted(pinned.runningAfter())));
            assertThat("simulator monthly cost after", cloud().summary(customerId).get("monthly_cost").asDouble(),
                    closeTo(pinned.monthlyCostAfter(), CENTS));
            Map<String, String> states = new java.util.TreeMap<>();
            cloud().instances(customerId).forEach(i -> states.put(i.get("id").asText(), i.get("state").asText()));
            onDemand.forEach(id -> assertThat("original on-demand " + id, states.get(id), equalTo("terminated")));

            TestReport.step("Assert: measured monthly cost (ClickHouse) down by the estimate, and ≥ "
                    + expect.minCostReductionPct() + " %");
            double costAfter = Optimizations.awaitSampleAfter(db(), customer, "monthly_cost", "account", completedAt);
            double measuredDrop = costBefore - costAfter;
            TestReport.metric("monthly cost before", costBefore, "USD");
            TestReport.metric("monthly cost after", costAfter, "USD");
            assertThat("measured monthly_cost before vs testdata", costBefore,
                    closeTo(fleet.expectations().monthlyCost(), CENTS));
            assertThat("measured drop vs estimated_savings " + spot.estimatedSavings(), measuredDrop,
                    closeTo(spot.estimatedSavings(), spot.estimatedSavings() * expect.savingsTolerancePct() / 100));
            assertThat(costAfter, costReducedByAtLeast(expect.minCostReductionPct(), costBefore));
            TestReport.image("measured monthly cost through the migration (ClickHouse)", Charts.phases(
                    "Spot migration of " + fleet + ": monthly cost", "USD/month",
                    costByPhase(customer, optimization, costBefore, costAfter)));

            TestReport.step("Prove in stores: learning outcome = measured, audit trail, Redis event");
            List<Map<String, Object>> outcome = db().postgres("SELECT success, predicted_savings, actual_savings FROM "
                    + "optimization_outcomes WHERE optimization_id = ?::uuid", optimizationId);
            assertThat("optimization_outcomes rows", outcome, hasSize(1));
            assertThat(outcome.get(0).get("success"), equalTo(true));
            assertThat("predicted_savings", number(outcome.get(0).get("predicted_savings")),
                    closeTo(spot.estimatedSavings(), CENTS));
            assertThat("actual_savings vs the measured drop", number(outcome.get(0).get("actual_savings")),
                    closeTo(measuredDrop, measuredDrop * expect.savingsTolerancePct() / 100));
            assertThat(db().postgres("SELECT features FROM learning_patterns WHERE optimization_id = ?::uuid",
                    optimizationId), hasSize(1));
            assertThat(db().postgres("SELECT status FROM recommendations WHERE id = ?::uuid", spot.id())
                    .get(0).get("status"), equalTo("completed"));
            WaitHelper.until("optimization_completed of " + optimizationId + " on Redis", TimeBounds.EVENT_DELIVERY,
                    events::messages, m -> RolloutEvidence.events(m, "optimization_completed", optimizationId).size() == 1);
        }
    }

    /** The account's measured monthly cost at the end of each rollout stage: the last sample before it completed. */
    private Map<String, Double> costByPhase(TestCustomer customer, Optimization optimization, double before,
                                            double after) {
        Map<String, Double> phases = new java.util.LinkedHashMap<>();
        phases.put("before", before);
        phases.put("canary", costWhen(customer, optimization, "validate_canary"));
        phases.put("50 %", costWhen(customer, optimization, "validate_50_percent"));
        phases.put("100 %", costWhen(customer, optimization, "full_migration"));
        phases.put("after", after);
        return phases;
    }

    private double costWhen(TestCustomer customer, Optimization optimization, String stepCompleted) {
        Instant completed = java.time.OffsetDateTime.parse(optimization.step(stepCompleted).completedAt()).toInstant();
        return Optimizations.sampleBefore(db(), customer, "monthly_cost", "account", completed);
    }

    private static JsonNode toTree(Map<String, Double> body) {
        return io.optiinfra.e2e.support.data.TestData.mapper().valueToTree(body);
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }
}
