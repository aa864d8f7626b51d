package io.optiinfra.e2e.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.ApiTest;
import io.optiinfra.e2e.support.Groups;
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
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import static io.optiinfra.e2e.support.matchers.OptiInfraMatchers.rolledBackCleanly;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

/**
 * Scenario 6 (SPEC §7): a cloud fault injected mid-rollout of a spot migration rolls it back automatically: original
 * instances and cost restored, no orphaned instances, every undone step and the rollback in the audit trail, within
 * the scaled five-minute bound.
 */
@Test(groups = Groups.E2E, dependsOnGroups = Groups.SMOKE)
public class RollbackScenarioIT extends ApiTest {
    private static final String SCENARIO = "scenarios/rollback.json";
    /** Cost comparisons are in USD/month; the simulator's prices are exact to the cent. */
    private static final double CENT = 0.01;

    @DataProvider(name = "rollbackCases", parallel = true)
    public static Object[][] rollbackCases() {
        return StreamSupport.stream(TestData.readTree(SCENARIO).get("cases").spliterator(), false)
                .map(c -> new Object[] {c.get("name").asText(), c.get("fault").asText(), c.get("after_step").asText()})
                .toArray(Object[][]::new);
    }

    @Test(dataProvider = "rollbackCases")
    @SuppressWarnings("unchecked")
    public void cloudFaultMidRolloutRollsBackToTheOriginalState(String name, String fault, String afterStep) {
        JsonNode expect = TestData.readTree(SCENARIO);
        Duration productionBound = Duration.ofMillis(expect.get("rollback_bound_production_ms").asLong());
        TestCustomer customer = newCustomer("Rollback Scenario " + fault);
        OnboardedFleet fleet = Onboarding.onboardFleet(api(), cloud(), customer, expect.get("fleet").asText());
        String deployment = fleet.fleet().get("deployments").get(0).get("id").asText();

        try (RedisSubscription events = db().subscribe("optiinfra:customer:" + customer.customerId() + ":events")) {
            TestReport.step("Arrange (" + name + "): a validated " + expect.get("recommendation_type").asText());
            Onboarding.analyzeAndWait(customer, "cost", Optimizations.RECOMMENDATION_TIMEOUT);
            Map<String, Object> rec = Optimizations.awaitValidatedRecommendation(customer,
                    expect.get("recommendation_type").asText());
            assertThat("validated by both agents: " + rec.get("validations"), RolloutEvidence.fullyValidated(rec),
                    equalTo(true));
            Set<String> originalIds = new TreeSet<>();
            for (JsonNode instance : cloud().runningInstances(customer.customerId())) {
                assertThat(instance.get("id").asText() + " market", instance.get("market").asText(), equalTo("on_demand"));
                originalIds.add(instance.get("id").asText());
            }
            double costBefore = cloud().summary(customer.customerId()).get("monthly_cost").asDouble();

            TestReport.step("Act: approve, and inject " + fault + " once " + afterStep + " completed");
            String optimizationId = Optimizations.approve(customer, rec);
            RolloutEvidence.awaitStepCompleted(customer, optimizationId, afterStep);
            JsonNode injected = cloud().injectFault(customer.customerId(), fault,
                    "spot_interruption".equals(fault) ? deployment : null, null, "api_error".equals(fault) ? 1 : null);
            TestReport.info("injected " + injected);

            TestReport.step("Wait: the rollout ends on its own");
            Map<String, Object> optimization = Optimizations.awaitEnd(customer, optimizationId);
            Instant endedAt = Instant.now();

            // 5 min / time scale, plus a real-work slack per step the rollback undoes (and the failed one): see TimeBounds
            int undoOperations = (int) RolloutEvidence.steps(optimization).stream()
                    .filter(s -> !"pending".equals(s.get("status"))).count();
            double boundMs = TimeBounds.scaled(env(), productionBound, undoOperations).toMillis();
            TestReport.step("Assert: rolled back cleanly within " + boundMs + " ms (5 min / time scale "
                    + env().timeScale() + " + " + undoOperations + " × " + TimeBounds.PER_OPERATION_SLACK.toMillis() + " ms)");
            assertThat(optimization, rolledBackCleanly());
            Map<String, Object> rollback = (Map<String, Object>) optimization.get("rollback");
            TestReport.metric("rollback duration", ((Number) rollback.get("duration_ms")).doubleValue(), "ms");
            assertThat("rollback.duration_ms", ((Number) rollback.get("duration_ms")).doubleValue(), lessThan(boundMs));
            Map<String, Object> result = (Map<String, Object>) optimization.get("result");
            assertThat(result.get("success"), equalTo(false));
            assertThat("result.error", result.get("error"), not(equalTo(null)));
            List<Map<String, Object>> failed = RolloutEvidence.steps(optimization).stream()
                    .filter(s -> "failed".equals(s.get("status"))).toList();
            assertThat("failed steps", failed, hasSize(1));
            int failedSeq = ((Number) failed.get(0).get("seq")).intValue();
            assertThat("the step that failed comes after " + afterStep, failedSeq,
                    greaterThan(RolloutEvidence.seqOf(optimization, afterStep)));

            TestReport.step("Assert: audit trail — every completed step undone in reverse, on Redis and in PostgreSQL");
            List<String> messages = WaitHelper.until("rollback_completed of " + optimizationId + " on Redis",
                    Duration.ofSeconds(5), events::messages,
                    m -> !RolloutEvidence.events(m, "optimization_rolled_back", optimizationId).isEmpty());
            List<Integer> completedSeqs = RolloutEvidence.stepSeqs(messages, optimizationId, "completed");
            List<Integer> undoneSeqs = RolloutEvidence.stepSeqs(messages, optimizationId, "rolled_back");
            List<Integer> expectedUndone = new ArrayList<>(completedSeqs);
            expectedUndone.sort((a, b) -> b - a);
            assertThat("steps completed before the failed one", completedSeqs,
                    equalTo(IntStream.range(0, failedSeq).boxed().toList()));
            assertThat("rolled_back step events, in reverse order", undoneSeqs, equalTo(expectedUndone));
            assertThat(RolloutEvidence.stepSeqs(messages, optimizationId, "failed"), equalTo(List.of(failedSeq)));
            assertThat(RolloutEvidence.events(messages, "rollback_started", optimizationId), hasSize(1));
            List<JsonNode> rollbackCompleted = RolloutEvidence.events(messages, "rollback_completed", optimizationId);
            assertThat(rollbackCompleted, hasSize(1));
            assertThat(rollbackCompleted.get(0).path("payload").path("original_state_restored").asBoolean(), equalTo(true));
            assertThat(rollbackCompleted.get(0).path("payload").path("duration_ms").asDouble(),
                    equalTo(((Number) rollback.get("duration_ms")).doubleValue()));
            for (Map<String, Object> row : db().postgres("SELECT seq, name, status FROM optimization_steps WHERE "
                    + "optimization_id = ?::uuid ORDER BY seq", optimizationId)) {
                int seq = (Integer) row.get("seq");
                String expected = completedSeqs.contains(seq) ? "rolled_back" : seq == failedSeq ? "failed" : "pending";
                assertThat("PostgreSQL status of step " + row.get("name"), row.get("status"), equalTo(expected));
            }
            for (String type : List.of("rollback_started", "rollback_completed", "optimization_rolled_back")) {
                assertThat(type + " rows in events", db().postgres("SELECT id FROM events WHERE customer_id = ?::uuid "
                        + "AND type = ? AND payload->>'optimization_id' = ?", customer.customerId(), type,
                        optimizationId), hasSize(1));
            }

            TestReport.step("Assert: no orphans — exactly the original on-demand instances run, none of the new ones");
            JsonNode all = cloud().instances(customer.customerId());
            List<JsonNode> created = StreamSupport.stream(all.spliterator(), false)
                    .filter(i -> !originalIds.contains(i.get("id").asText())).toList();
            assertThat("instances the rollout created", created, not(empty()));
            for (JsonNode instance : created) {
                assertThat("created " + instance.get("id").asText() + " state", instance.get("state").asText(),
                        not(equalTo("running")));
            }
            Set<String> running = StreamSupport.stream(cloud().runningInstances(customer.customerId()).spliterator(),
                    false).peek(i -> assertThat(i.get("id").asText() + " market", i.get("market").asText(),
                            equalTo("on_demand"))).map(i -> i.get("id").asText()).collect(Collectors.toCollection(TreeSet::new));
            assertThat("running instances after the rollback", running, equalTo(originalIds));

            TestReport.step("Assert: monthly cost back to the original (simulator and ClickHouse)");
            assertThat("simulator monthly cost", cloud().summary(customer.customerId()).get("monthly_cost").asDouble(),
                    closeTo(costBefore, CENT));
            double measured = Optimizations.awaitSampleAfter(db(), customer, "monthly_cost", "account", endedAt);
            assertThat("measured monthly cost after the rollback", measured, closeTo(costBefore, CENT));

            TestReport.step("Prove in stores: recommendation and learning outcome in PostgreSQL");
            assertThat(db().postgres("SELECT status FROM recommendations WHERE id = ?::uuid", rec.get("id"))
                    .get(0).get("status"), equalTo("rolled_back"));
            List<Map<String, Object>> outcome = db().postgres("SELECT success FROM optimization_outcomes WHERE "
                    + "optimization_id = ?::uuid", optimizationId);
            assertThat(outcome, hasSize(1));
            assertThat(outcome.get(0).get("success"), equalTo(false));
        }
    }
}
