package io.optiinfra.e2e.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.ApiTest;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.data.TestData;
import io.optiinfra.e2e.support.db.RedisSubscription;
import io.optiinfra.e2e.support.fixtures.OnboardedFleet;
import io.optiinfra.e2e.support.fixtures.Onboarding;
import io.optiinfra.e2e.support.fixtures.Optimizations;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.report.TestReport;
import io.optiinfra.e2e.support.wait.WaitHelper;
import org.testng.annotations.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.optiinfra.e2e.support.matchers.OptiInfraMatchers.costReducedByAtLeast;
import static io.optiinfra.e2e.support.matchers.OptiInfraMatchers.optimizationSuccessful;
import static io.optiinfra.e2e.support.matchers.OptiInfraMatchers.qualityMaintained;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/** Scenario 1 (SPEC §7): the medium fleet moves to spot through a gated blue-green rollout and costs ≥ 40 % less. */
@Test(groups = Groups.E2E, dependsOnGroups = Groups.SMOKE)
public class SpotMigrationScenarioIT extends ApiTest {

    public void spotMigrationCutsMeasuredCostWhileQualityHolds() {
        JsonNode expect = TestData.readTree("scenarios/spot-migration.json");
        TestCustomer customer = newCustomer("Spot Migration Scenario");
        OnboardedFleet fleet = Onboarding.onboardFleet(api(), cloud(), customer, expect.get("fleet").asText());
        String deployment = fleet.fleet().get("deployments").get(0).get("id").asText();

        try (RedisSubscription events = db().subscribe("optiinfra:customer:" + customer.customerId() + ":events")) {
            TestReport.step("Act: the cost agent analyses the fleet");
            Onboarding.analyzeAndWait(customer, "cost", Optimizations.RECOMMENDATION_TIMEOUT);
            Map<String, Object> spot = Optimizations.awaitValidatedRecommendation(customer, "spot_migration");

            TestReport.step("Assert: a validated, low/medium-risk recommendation worth more than $10k/month");
            double savings = ((Number) spot.get("estimated_savings")).doubleValue();
            TestReport.metric("estimated savings", savings, "USD/month");
            assertThat(savings, greaterThan(expect.get("min_savings_usd_month").asDouble()));
            List<String> allowedRisks = TestData.mapper().convertValue(expect.get("allowed_risk_levels"),
                    TestData.mapper().getTypeFactory().constructCollectionType(List.class, String.class));
            assertThat(allowedRisks, hasItem((String) spot.get("risk_level")));
            Map<String, Object> performance = validation(spot, "performance");
            Map<String, Object> application = validation(spot, "application");
            assertThat("performance validation", performance.get("approved"), equalTo(true));
            assertThat("application validation", application.get("baseline_established"), equalTo(true));

            TestReport.step("Act: approve and let the rollout run");
            Instant beforeApproval = Instant.now();
            double costBefore = Optimizations.sampleBefore(db(), customer, "monthly_cost", "account", beforeApproval);
            double baseline = ((Number) db().postgres("SELECT baseline FROM quality_baselines WHERE customer_id = ?::uuid "
                    + "AND deployment_id = ?", customer.customerId(), deployment).get(0).get("baseline")).doubleValue();
            String optimizationId = Optimizations.approve(customer, spot);
            Map<String, Object> optimization = Optimizations.awaitEnd(customer, optimizationId);

            TestReport.step("Assert: all seven steps completed, in order");
            assertThat(optimization, optimizationSuccessful());
            List<Object> stepNames = ((List<Map<String, Object>>) optimization.get("execution_steps")).stream()
                    .map(s -> s.get("name")).toList();
            assertThat(stepNames, equalTo(TestData.mapper().convertValue(expect.get("steps"), List.class)));

            TestReport.step("Assert: quality held ≥ 95 % of the baseline through the rollout (canary telemetry)");
            Instant completedAt = Instant.now();
            List<Map<String, Object>> canaryQuality = db().clickhouse("SELECT value FROM metrics WHERE customer_id = ? "
                    + "AND metric_type = 'quality_score' AND resource_id = ? AND ts_ms BETWEEN ? AND ?",
                    customer.customerId(), deployment + "#canary", beforeApproval.toEpochMilli(), completedAt.toEpochMilli());
            assertThat("canary quality samples during the rollout", canaryQuality.size(), greaterThan(0));
            for (Map<String, Object> sample : canaryQuality) {
                assertThat((Number) sample.get("value"), qualityMaintained(baseline,
                        expect.get("min_quality_ratio").asDouble()));
            }

            TestReport.step("Assert: measured monthly cost down ≥ 40 % (ClickHouse)");
            double costAfter = Optimizations.awaitSampleAfter(db(), customer, "monthly_cost", "account", completedAt);
            TestReport.metric("monthly cost before", costBefore, "USD");
            TestReport.metric("monthly cost after", costAfter, "USD");
            assertThat(costAfter, costReducedByAtLeast(expect.get("min_cost_reduction_pct").asDouble(), costBefore));

            TestReport.step("Prove in stores: learning outcome, audit trail, Redis events, no on-demand left");
            List<Map<String, Object>> outcome = db().postgres("SELECT success, predicted_savings, actual_savings FROM "
                    + "optimization_outcomes WHERE optimization_id = ?::uuid", optimizationId);
            assertThat(outcome, hasSize(1));
            assertThat(outcome.get(0).get("success"), equalTo(true));
            assertThat(db().postgres("SELECT features FROM learning_patterns WHERE optimization_id = ?::uuid",
                    optimizationId), hasSize(1));
            assertThat(db().postgres("SELECT status FROM recommendations WHERE id = ?::uuid", spot.get("id"))
                    .get(0).get("status"), equalTo("completed"));
            WaitHelper.until("optimization_completed published on Redis", Duration.ofSeconds(5), events::messages,
                    m -> m.stream().anyMatch(s -> s.contains("\"optimization_completed\"")));
            for (JsonNode instance : cloud().runningInstances(customer.customerId())) {
                assertThat(instance.get("id").asText() + " market", instance.get("market").asText(), equalTo("spot"));
            }
        }
    }

    private static Map<String, Object> validation(Map<String, Object> rec, String agentType) {
        return ((List<Map<String, Object>>) rec.get("validations")).stream()
                .filter(v -> agentType.equals(v.get("agent_type"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + agentType + " validation on " + rec.get("id")));
    }
}
