package io.optiinfra.e2e.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.Dashboard;
import io.optiinfra.e2e.support.api.Optimization;
import io.optiinfra.e2e.support.api.Recommendation;
import io.optiinfra.e2e.support.data.DataProviders;
import io.optiinfra.e2e.support.data.Fleet;
import io.optiinfra.e2e.support.data.Scenarios;
import io.optiinfra.e2e.support.db.RedisSubscription;
import io.optiinfra.e2e.support.fixtures.FleetState;
import io.optiinfra.e2e.support.fixtures.Onboarding;
import io.optiinfra.e2e.support.fixtures.Optimizations;
import io.optiinfra.e2e.support.fixtures.RolloutEvidence;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.report.TestReport;
import io.optiinfra.e2e.support.wait.TimeBounds;
import io.optiinfra.e2e.support.wait.WaitHelper;
import org.testng.annotations.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import static io.optiinfra.e2e.support.matchers.OptiInfraMatchers.rolledBackCleanly;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Scenario 6 (SPEC §7), for every fault type of the simulator: injected before a spot migration or armed on one of its
 * cloud calls (so it strikes mid-rollout, inside the targeted stage, at any machine speed), it stops
 * the rollout at the step rollback.json pins and rolls it back automatically: original instances and cost restored,
 * no orphaned instances, every undone step and the rollback in the audit trail, within the scaled five-minute bound
 * measured between the audit rows, and nothing counted as realised savings.
 */
@Test(groups = Groups.E2E, dependsOnGroups = Groups.SMOKE)
public class RollbackScenarioIT extends SuiteBase {
    private static final String SCENARIO = "rollback.json";
    /** Cost comparisons are in USD/month; the simulator's prices are exact to the cent. */
    private static final double CENT = 0.01;

    @Test(dataProvider = DataProviders.ROLLBACK_CASES, dataProviderClass = DataProviders.class)
    public void faultMidRolloutRollsBackToTheOriginalState(Scenarios.RollbackCase c) {
        Scenarios.Rollback expect = Scenarios.read(SCENARIO, Scenarios.Rollback.class);
        // the environment's time.scale (simulated seconds per real second, see LocalEnvironment) scales the bound
        Fleet fleet = Fleet.named(expect.fleet());
        String deployment = fleet.outcome(expect.recommendationType()).deploymentId();
        TestCustomer customer = newCustomer("Rollback " + c.fault());
        String customerId = customer.customerId();
        Onboarding.onboardFleet(api(), cloud(), customer, fleet.name());

        try (RedisSubscription events = db().subscribe("optiinfra:customer:" + customerId + ":events")) {
            TestReport.step("Arrange (" + c + "): a validated " + expect.recommendationType());
            Onboarding.analyzeAndWait(customer, "cost", Optimizations.RECOMMENDATION_TIMEOUT);
            Recommendation rec = Optimizations.awaitRecommendation(customer, expect.recommendationType());
            assertThat("validated by both agents: " + rec.validations(), rec.fullyValidated(), equalTo(true));
            List<Fleet.InstanceGroup> groupsBefore = FleetState.runningGroups(cloud(), customerId);
            Set<String> originalIds = ids(cloud().runningInstances(customerId));
            double costBefore = cloud().summary(customerId).get("monthly_cost").asDouble();
            assertThat("simulator monthly cost before", costBefore, closeTo(fleet.expectations().monthlyCost(), CENT));

            TestReport.step("Act: inject " + c.fault() + (c.operation() == null ? "" : " armed on call " + (1 + skip(c))
                    + " of '" + c.operation() + "'") + ", then approve");
            inject(customerId, c, deployment);
            String optimizationId = Optimizations.approve(customer, rec);

            TestReport.step("Wait: the rollout ends on its own");
            Optimization optimization = Optimizations.awaitEnd(customer, optimizationId);
            Instant endedAt = Instant.now();

            TestReport.step("Assert: stopped at " + c.failedStep() + " and rolled back cleanly");
            assertThat(optimization, rolledBackCleanly());
            assertThat("result.success", optimization.result().success(), equalTo(false));
            List<Optimization.Step> failed = optimization.stepsWithStatus("failed");
            assertThat("failed steps", failed.stream().map(Optimization.Step::name).toList(),
                    equalTo(List.of(c.failedStep())));
            assertThat("result.error", String.valueOf(optimization.result().error()), containsString(c.failedStep()));
            assertThat("result.error", String.valueOf(optimization.result().error()), containsString(c.errorContains()));
            int failedSeq = failed.get(0).seq();

            // 5 min / time scale, plus a real-work slack per step the rollback undoes (and the failed one): see TimeBounds
            int undoOperations = (int) optimization.steps().stream().filter(s -> !"pending".equals(s.status())).count();
            double allowedMs = TimeBounds.scaled(env(), Duration.ofMillis((long) expect.rollbackBoundProductionMs()),
                    undoOperations).toMillis() + expect.measurementSlackMs();
            TestReport.step("Assert: rollback within " + allowedMs + " ms (5 min / time scale " + env().timeScale()
                    + " + " + undoOperations + " × " + TimeBounds.PER_OPERATION_SLACK.toMillis() + " ms + "
                    + expect.measurementSlackMs() + " ms), measured between the audit trail's rows");
            double measuredMs = millisBetween(customerId, optimizationId, "rollback_started", "rollback_completed");
            TestReport.metric("rollback time (audit trail)", measuredMs, "ms");
            assertThat("rollback_started → rollback_completed (ms)", measuredMs, lessThanOrEqualTo(allowedMs));

            TestReport.step("Assert: audit trail — every completed step undone in reverse, on Redis and in PostgreSQL");
            List<String> messages = WaitHelper.until("optimization_rolled_back of " + optimizationId + " on Redis",
                    TimeBounds.EVENT_DELIVERY, events::messages,
                    m -> !RolloutEvidence.events(m, "optimization_rolled_back", optimizationId).isEmpty());
            List<Integer> completedSeqs = RolloutEvidence.stepSeqs(messages, optimizationId, "completed");
            List<Integer> expectedUndone = new ArrayList<>(completedSeqs);
            expectedUndone.sort((a, b) -> b - a);
            assertThat("steps completed before the failed one", completedSeqs,
                    equalTo(IntStream.range(0, failedSeq).boxed().toList()));
            assertThat("rolled_back step events, in reverse order",
                    RolloutEvidence.stepSeqs(messages, optimizationId, "rolled_back"), equalTo(expectedUndone));
            assertThat(RolloutEvidence.stepSeqs(messages, optimizationId, "failed"), equalTo(List.of(failedSeq)));
            assertThat(RolloutEvidence.events(messages, "rollback_started", optimizationId), hasSize(1));
            List<JsonNode> rollbackCompleted = RolloutEvidence.events(messages, "rollback_completed", optimizationId);
            assertThat(rollbackCompleted, hasSize(1));
            assertThat("original_state_restored on Redis",
                    rollbackCompleted.get(0).path("payload").path("original_state_restored").asBoolean(), equalTo(true));
            List<Map<String, Object>> stepRows = db().postgres("SELECT seq, name, status FROM optimization_steps WHERE "
                    + "optimization_id = ?::uuid ORDER BY seq", optimizationId);
            assertThat("optimization_steps rows", stepRows.stream().map(r -> r.get("name")).toList(),
                    equalTo((List<Object>) (List<?>) optimization.stepNames()));
            for (Map<String, Object> row : stepRows) {
                int seq = (Integer) row.get("seq");
                String expected = completedSeqs.contains(seq) ? "rolled_back" : seq == failedSeq ? "failed" : "pending";
                assertThat("PostgreSQL status of step " + row.get("name"), row.get("status"), equalTo(expected));
            }

            TestReport.step("Assert: no orphans — exactly the original fleet runs again (simulator)");
            List<JsonNode> created = StreamSupport.stream(cloud().instances(customerId).spliterator(), false)
                    .filter(i -> !originalIds.contains(i.get("id").asText())).toList();
            assertThat("instances the rollout created", created, hasSize(c.instancesCreated()));
            assertThat("created instances still running", created.stream()
                    .filter(i -> "running".equals(i.get("state").asText())).map(i -> i.get("id").asText()).toList(),
                    empty());
            assertThat("running instances after the rollback", ids(cloud().runningInstances(customerId)),
                    equalTo(originalIds));
            assertThat("running instances by deployment, type and market", FleetState.runningGroups(cloud(), customerId),
                    equalTo(groupsBefore));

            TestReport.step("Assert: monthly cost back to the original (simulator and ClickHouse); nothing realised");
            assertThat("simulator monthly cost", cloud().summary(customerId).get("monthly_cost").asDouble(),
                    closeTo(costBefore, CENT));
            double measured = Optimizations.awaitSampleAfter(db(), customer, "monthly_cost", "account", endedAt);
            assertThat("measured monthly cost after the rollback", measured, closeTo(costBefore, CENT));
            Double realized = Api.read(customer.client().dashboard(customerId), Dashboard.class).realizedSavings();
            assertThat("dashboard realized_savings", realized, notNullValue());
            assertThat("dashboard realized_savings vs the measured drop " + (costBefore - measured), realized,
                    closeTo(costBefore - measured, CENT));

            TestReport.step("Prove in stores: recommendation and learning outcome in PostgreSQL");
            assertThat(db().postgres("SELECT status FROM recommendations WHERE id = ?::uuid", rec.id())
                    .get(0).get("status"), equalTo("rolled_back"));
            List<Map<String, Object>> outcome = db().postgres("SELECT success FROM optimization_outcomes WHERE "
                    + "optimization_id = ?::uuid", optimizationId);
            assertThat(outcome, hasSize(1));
            assertThat(outcome.get(0).get("success"), equalTo(false));
        }
    }

    private void inject(String customerId, Scenarios.RollbackCase c, String deployment) {
        JsonNode injected = cloud().injectFault(customerId, c.fault(), c.deploymentScoped() ? deployment : null,
                c.magnitude(), c.count(), c.operation(), c.skip());
        TestReport.info("injected " + injected);
    }

    private static int skip(Scenarios.RollbackCase c) {
        return c.skip() == null ? 0 : c.skip();
    }

    /** Milliseconds between the audit rows (PostgreSQL events) of two event types of one optimization. */
    private double millisBetween(String customerId, String optimizationId, String from, String to) {
        List<Map<String, Object>> rows = db().postgres("SELECT type, created_at FROM events WHERE customer_id = ?::uuid "
                + "AND type IN (?, ?) AND payload->>'optimization_id' = ? ORDER BY id", customerId, from, to,
                optimizationId);
        assertThat(from + " / " + to + " rows in events", rows.stream().map(r -> r.get("type")).toList(),
                equalTo(List.of(from, to)));
        Instant start = instant(rows.get(0).get("created_at"));
        Instant end = instant(rows.get(1).get("created_at"));
        return Duration.between(start, end).toNanos() / 1e6;
    }

    private static Instant instant(Object timestamp) {
        if (timestamp instanceof Timestamp ts) {
            return ts.toInstant();
        }
        if (timestamp instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        throw new AssertionError("not a timestamp: " + timestamp + " (" + timestamp.getClass() + ")");
    }

    private static Set<String> ids(JsonNode instances) {
        Set<String> ids = new TreeSet<>();
        instances.forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }
}
