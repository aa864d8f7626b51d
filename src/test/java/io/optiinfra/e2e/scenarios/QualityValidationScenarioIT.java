package io.optiinfra.e2e.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.Optimization;
import io.optiinfra.e2e.support.api.Recommendation;
import io.optiinfra.e2e.support.data.Scenarios;
import io.optiinfra.e2e.support.db.RedisSubscription;
import io.optiinfra.e2e.support.fixtures.OnboardedFleet;
import io.optiinfra.e2e.support.fixtures.Onboarding;
import io.optiinfra.e2e.support.fixtures.Optimizations;
import io.optiinfra.e2e.support.fixtures.RolloutEvidence;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.report.TestReport;
import io.optiinfra.e2e.support.wait.TimeBounds;
import io.optiinfra.e2e.support.wait.WaitHelper;
import org.testng.annotations.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.optiinfra.e2e.support.matchers.OptiInfraMatchers.qualityMaintained;
import static io.optiinfra.e2e.support.matchers.OptiInfraMatchers.rolledBackCleanly;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Scenario 4 (SPEC §7): with a quality baseline established, a KV-cache change whose new version answers 10 % worse
 * (simulator fault canary_quality_degradation) is stopped by the quality gate at the canary and rolled back, after
 * which the deployment's measured quality is back at the baseline.
 */
@Test(groups = Groups.E2E, dependsOnGroups = Groups.SMOKE)
public class QualityValidationScenarioIT extends SuiteBase {
    /** How close to the baseline the restored quality must be (the brief: "within 1 % of baseline"). */
    private static final double RESTORED_TOLERANCE = 0.01;
    private static final int SAMPLES_AFTER_ROLLBACK = 3;

    @SuppressWarnings("unchecked")
    public void qualityGateStopsADegradingChangeAtTheCanaryAndQualityReturnsToBaseline() {
        Scenarios.Quality expect = Scenarios.read("quality.json", Scenarios.Quality.class);
        double minRatio = expect.minQualityRatio();
        String failedStep = expect.failedStep();
        TestCustomer customer = newCustomer("Quality Validation Scenario");
        OnboardedFleet fleet = Onboarding.onboardFleet(api(), cloud(), customer, expect.fleet());
        String deployment = fleet.spec().deployments().get(0).id();

        try (RedisSubscription events = db().subscribe("optiinfra:customer:" + customer.customerId() + ":events")) {
            TestReport.step("Arrange: the application agent establishes the quality baseline");
            Onboarding.analyzeAndWait(customer, "application", Optimizations.RECOMMENDATION_TIMEOUT);
            double baseline = RolloutEvidence.qualityBaseline(db(), customer, deployment);
            TestReport.metric("quality baseline", baseline, "");
            assertThat("baseline quality", baseline, greaterThan(0.0));

            TestReport.step("Arrange: a " + expect.recommendationType() + " recommendation");
            Onboarding.analyzeAndWait(customer, "performance", Optimizations.RECOMMENDATION_TIMEOUT);
            Recommendation rec = Optimizations.awaitValidatedRecommendation(customer, expect.recommendationType());
            assertThat(rec.deploymentId(), equalTo(deployment));
            JsonNode configBefore = cloud().deployment(customer.customerId(), deployment);

            TestReport.step("Arrange: the change's new version answers worse (" + expect.fault() + ")");
            cloud().injectFault(customer.customerId(), expect.fault().type(), deployment, expect.fault().magnitude());

            TestReport.step("Act: approve and let the rollout run into its gates");
            Instant beforeApproval = Instant.now();
            String optimizationId = Optimizations.approve(customer, rec);
            Optimization optimization = Optimizations.awaitEnd(customer, optimizationId);
            Instant endedAt = Instant.now();

            TestReport.step("Assert: stopped at " + failedStep + " by the quality gate and rolled back cleanly");
            assertThat(optimization, rolledBackCleanly());
            List<Optimization.Step> failed = optimization.stepsWithStatus("failed");
            assertThat("failed steps", failed, hasSize(1));
            assertThat(failed.get(0).name(), equalTo(failedStep));
            assertThat("failed step's error", String.valueOf(failed.get(0).error()), containsString("quality gate"));
            Optimization.Result result = optimization.result();
            assertThat("result", result, notNullValue());
            assertThat(result.success(), equalTo(false));
            assertThat(String.valueOf(result.error()), containsString(failedStep));
            assertThat(String.valueOf(result.error()), containsString("quality gate"));
            int failedSeq = optimization.seqOf(failedStep);
            for (Optimization.Step step : optimization.steps()) {
                int seq = step.seq();
                String expected = seq < failedSeq ? "rolled_back" : seq == failedSeq ? "failed" : "pending";
                assertThat("status of step " + step.name(), step.status(), equalTo(expected));
            }

            TestReport.step("Assert: the canary really answered below " + minRatio + " × baseline (ClickHouse)");
            List<Double> canaryQuality = RolloutEvidence.samples(db(), customer, "quality_score",
                    deployment + "#canary", beforeApproval, endedAt);
            assertThat("canary quality samples during the rollout", canaryQuality, hasSize(greaterThan(0)));
            assertThat(canaryQuality, everyItem(lessThan(minRatio * baseline)));

            TestReport.step("Wait: quality of the deployment after the rollback (ClickHouse)");
            List<RolloutEvidence.Sample> after = RolloutEvidence.awaitSamplesAfter(db(), customer, "quality_score",
                    deployment, endedAt, SAMPLES_AFTER_ROLLBACK);
            TestReport.step("Assert: quality back at the baseline, and no canary serving any more");
            for (RolloutEvidence.Sample sample : after) {
                double quality = sample.value();
                assertThat(quality, qualityMaintained(baseline, minRatio));
                assertThat("restored quality vs baseline", quality, closeTo(baseline, RESTORED_TOLERANCE * baseline));
            }
            long firstAfter = after.get(0).tsMs();
            assertThat("canary samples after the rollback", RolloutEvidence.samples(db(), customer, "quality_score",
                    deployment + "#canary", Instant.ofEpochMilli(firstAfter - 1), Instant.now()), empty());
            JsonNode configAfter = cloud().deployment(customer.customerId(), deployment);
            assertThat("simulator canary after the rollback", configAfter.path("canary").isMissingNode()
                    ? null : configAfter.path("canary").isNull() ? null : configAfter.path("canary").toString(),
                    equalTo(null));
            assertThat("simulator vllm_config", configAfter.get("vllm_config"), equalTo(configBefore.get("vllm_config")));
            assertThat("simulator quantization", configAfter.get("quantization"), equalTo(configBefore.get("quantization")));

            TestReport.step("Prove in stores: PostgreSQL status, steps, outcome and audit trail");
            assertThat(Api.read(customer.client().recommendation(rec.id()), Recommendation.class).status(),
                    equalTo("rolled_back"));
            assertThat(db().postgres("SELECT status FROM recommendations WHERE id = ?::uuid", rec.id())
                    .get(0).get("status"), equalTo("rolled_back"));
            assertThat(db().postgres("SELECT status FROM optimizations WHERE id = ?::uuid", optimizationId)
                    .get(0).get("status"), equalTo("rolled_back"));
            assertThat(db().postgres("SELECT name FROM optimization_steps WHERE optimization_id = ?::uuid AND status "
                    + "= 'failed'", optimizationId).stream().map(r -> r.get("name")).toList(), equalTo(List.of(failedStep)));
            List<Map<String, Object>> outcome = db().postgres("SELECT success, actual_savings FROM "
                    + "optimization_outcomes WHERE optimization_id = ?::uuid", optimizationId);
            assertThat(outcome, hasSize(1));
            assertThat(outcome.get(0).get("success"), equalTo(false));
            for (String type : List.of("rollback_started", "rollback_completed", "optimization_rolled_back")) {
                assertThat(type + " rows in events", db().postgres("SELECT id FROM events WHERE customer_id = ?::uuid "
                        + "AND type = ? AND payload->>'optimization_id' = ?", customer.customerId(), type,
                        optimizationId), hasSize(1));
            }

            TestReport.step("Prove in stores: the gate failure and the rollback published on Redis");
            List<String> messages = WaitHelper.until("optimization_rolled_back of " + optimizationId + " on Redis",
                    TimeBounds.EVENT_DELIVERY, events::messages,
                    m -> !RolloutEvidence.events(m, "optimization_rolled_back", optimizationId).isEmpty());
            assertThat(RolloutEvidence.stepSeqs(messages, optimizationId, "failed"), equalTo(List.of(failedSeq)));
            assertThat(RolloutEvidence.events(messages, "rollback_started", optimizationId), hasSize(1));
            JsonNode completed = RolloutEvidence.events(messages, "rollback_completed", optimizationId).get(0);
            assertThat(completed.path("payload").path("original_state_restored").asBoolean(), equalTo(true));
        }
    }
}
