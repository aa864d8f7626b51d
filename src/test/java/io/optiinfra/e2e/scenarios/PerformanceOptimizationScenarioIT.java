package io.optiinfra.e2e.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Optimization;
import io.optiinfra.e2e.support.api.Recommendation;
import io.optiinfra.e2e.support.data.Scenarios;
import io.optiinfra.e2e.support.data.TestData;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.optiinfra.e2e.support.matchers.OptiInfraMatchers.optimizationSuccessful;
import static io.optiinfra.e2e.support.matchers.OptiInfraMatchers.qualityMaintained;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * Scenario 2 (SPEC §7): KV-cache tuning, then FP16→FP8 quantization, each rolled out 10 → 50 → 100 % behind canary
 * gates; the measured p95 improves 2–3× and stays within the latency, error and quality thresholds.
 */
@Test(groups = Groups.E2E, dependsOnGroups = Groups.SMOKE)
public class PerformanceOptimizationScenarioIT extends SuiteBase {

    @SuppressWarnings("unchecked")
    public void kvCacheTuningThenQuantizationSpeedUpMeasuredP95WithinThresholds() {
        Scenarios.Performance expect = Scenarios.read("performance.json", Scenarios.Performance.class);
        TestCustomer customer = newCustomer("Performance Scenario");
        OnboardedFleet fleet = Onboarding.onboardFleet(api(), cloud(), customer, expect.fleet());
        String deployment = fleet.spec().deployments().get(0).id();
        List<String> types = expect.recommendationTypes();
        List<String> canarySteps = expect.canarySteps();

        try (RedisSubscription events = db().subscribe("optiinfra:customer:" + customer.customerId() + ":events")) {
            TestReport.step("Arrange: the application agent establishes the deployment's quality baseline");
            Onboarding.analyzeAndWait(customer, "application", Optimizations.RECOMMENDATION_TIMEOUT);
            double baseline = RolloutEvidence.qualityBaseline(db(), customer, deployment);
            TestReport.metric("quality baseline", baseline, "");

            TestReport.step("Act: the performance agent analyses the deployment");
            Onboarding.analyzeAndWait(customer, "performance", Optimizations.RECOMMENDATION_TIMEOUT);
            List<Recommendation> recs = new ArrayList<>();
            for (String type : types) {
                recs.add(Optimizations.awaitValidatedRecommendation(customer, type));
            }

            TestReport.step("Assert: " + types + " recommended for " + deployment + " by the performance agent");
            for (Recommendation rec : recs) {
                assertThat(rec.type() + " agent", rec.agentType(), equalTo("performance"));
                assertThat(rec.type() + " status", rec.status(), equalTo("pending"));
                assertThat(rec.deploymentId(), equalTo(deployment));
                assertThat(rec.type() + " predicted p95 after vs before", rec.improvement("latency_p95_ms_after"),
                        lessThan(rec.improvement("latency_p95_ms_before")));
                // the change the recommendation proposes, as the simulator's what-if takes it
                String field = rec.details() != null && rec.details().has("vllm_config") ? "vllm_config" : "quantization";
                JsonNode change = TestData.mapper().createObjectNode().set(field, rec.requireDetail(field));
                double whatIf = cloud().predict(customer.customerId(), deployment, change)
                        .get("latency_p95_ms").asDouble();
                assertThat(rec.type() + " predicted p95 vs the simulator's what-if " + change,
                        rec.improvement("latency_p95_ms_after"), closeTo(whatIf, 0.01));
                assertThat(rec.type() + " p95 before vs the simulator's model now",
                        rec.improvement("latency_p95_ms_before"), closeTo(cloud()
                                .deploymentMetrics(customer.customerId(), deployment).get("overall")
                                .get("latency_p95_ms").asDouble(), 0.01));
            }

            Instant beforeApproval = Instant.now();
            double p95Before = Optimizations.sampleBefore(db(), customer, "latency_p95_ms", deployment, beforeApproval);
            TestReport.metric("p95 before (ClickHouse)", p95Before, "ms");
            List<String> optimizationIds = new ArrayList<>();
            for (Recommendation rec : recs) {
                TestReport.step("Act: approve " + rec.type() + " and let its canary rollout run");
                String optimizationId = Optimizations.approve(customer, rec);
                Optimization optimization = Optimizations.awaitEnd(customer, optimizationId);

                TestReport.step("Assert: " + rec.type() + " completed every canary step, in order");
                assertThat(optimization, optimizationSuccessful());
                assertThat(optimization.stepNames(), equalTo(canarySteps));
                optimizationIds.add(optimizationId);
            }
            Instant completedAt = Instant.now();

            TestReport.step("Wait: telemetry of the tuned, quantized deployment (ClickHouse)");
            double p95After = Optimizations.awaitSampleAfter(db(), customer, "latency_p95_ms", deployment, completedAt);
            double p99After = Optimizations.awaitSampleAfter(db(), customer, "latency_p99_ms", deployment, completedAt);
            double errorRate = Optimizations.awaitSampleAfter(db(), customer, "error_rate", deployment, completedAt);
            double quality = Optimizations.awaitSampleAfter(db(), customer, "quality_score", deployment, completedAt);
            double speedup = p95Before / p95After;
            double qualityDropPct = (baseline - quality) / baseline * 100;
            TestReport.metric("p95 after", p95After, "ms");
            TestReport.metric("p95 speedup", speedup, "x");
            TestReport.metric("p99 after", p99After, "ms");
            TestReport.metric("error rate after", errorRate, "");
            TestReport.metric("quality drop vs baseline", qualityDropPct, "%");

            TestReport.step("Assert: p95 improved " + expect.minSpeedup() + "–" + expect.maxSpeedup()
                    + "×, p95/p99/error rate/quality within the scenario's thresholds");
            assertThat("measured p95 speedup (before / after)", speedup, allOf(
                    greaterThanOrEqualTo(expect.minSpeedup()),
                    lessThanOrEqualTo(expect.maxSpeedup())));
            assertThat("p95 after", p95After, lessThan(expect.maxP95Ms()));
            assertThat("p99 after", p99After, lessThan(expect.maxP99Ms()));
            assertThat("error rate after", errorRate, lessThan(expect.maxErrorRate()));
            assertThat("quality drop vs baseline (%)", qualityDropPct,
                    lessThan(expect.maxQualityDropPct()));

            TestReport.step("Prove in stores: canary telemetry in ClickHouse held quality through both rollouts");
            List<Double> canaryQuality = RolloutEvidence.samples(db(), customer, "quality_score", deployment + "#canary",
                    beforeApproval, completedAt);
            assertThat("canary quality samples during the rollouts", canaryQuality.size(), greaterThan(0));
            assertThat(canaryQuality, everyItem(qualityMaintained(baseline,
                    1 - expect.maxQualityDropPct() / 100)));

            TestReport.step("Prove in stores: optimizations, steps, recommendations and outcomes in PostgreSQL");
            for (int i = 0; i < recs.size(); i++) {
                String id = optimizationIds.get(i);
                assertThat(db().postgres("SELECT status FROM optimizations WHERE id = ?::uuid", id).get(0)
                        .get("status"), equalTo("completed"));
                assertThat(db().postgres("SELECT name FROM optimization_steps WHERE optimization_id = ?::uuid AND "
                        + "status = 'completed' ORDER BY seq", id).stream().map(r -> r.get("name")).toList(),
                        equalTo((List<Object>) (List<?>) canarySteps));
                assertThat(db().postgres("SELECT status FROM recommendations WHERE id = ?::uuid", recs.get(i).id())
                        .get(0).get("status"), equalTo("completed"));
                List<Map<String, Object>> outcome = db().postgres("SELECT success, recommendation_type FROM "
                        + "optimization_outcomes WHERE optimization_id = ?::uuid", id);
                assertThat(outcome, hasSize(1));
                assertThat(outcome.get(0).get("success"), equalTo(true));
                assertThat(outcome.get(0).get("recommendation_type"), equalTo(types.get(i)));
                assertThat(db().postgres("SELECT id FROM events WHERE customer_id = ?::uuid AND type = "
                        + "'optimization_completed' AND payload->>'optimization_id' = ?", customer.customerId(), id),
                        hasSize(1));
            }

            TestReport.step("Prove in stores: optimization_completed of both rollouts published on Redis");
            for (String id : optimizationIds) {
                WaitHelper.until("optimization_completed of " + id + " on Redis", TimeBounds.EVENT_DELIVERY,
                        events::messages, m -> RolloutEvidence.events(m, "optimization_completed", id).size() == 1);
                assertThat("completed steps of " + id + " published", RolloutEvidence.stepSeqs(events.messages(), id,
                        "completed"), hasSize(canarySteps.size()));
            }

            TestReport.step("Assert: the simulator now serves the tuned config in FP8");
            JsonNode served = cloud().deployment(customer.customerId(), deployment);
            JsonNode tuned = recs.get(0).requireDetail("vllm_config");
            tuned.fields().forEachRemaining(e -> {
                assertThat("vllm_config." + e.getKey() + " is a number", e.getValue().isNumber(), equalTo(true));
                assertThat("served vllm_config." + e.getKey(),
                        served.path("vllm_config").path(e.getKey()).asDouble(Double.NaN),
                        closeTo(e.getValue().asDouble(), 1e-6));
            });
            assertThat("served quantization", served.get("quantization").asText(),
                    equalTo(recs.get(1).requireDetail("quantization").asText()));
        }
    }
}
