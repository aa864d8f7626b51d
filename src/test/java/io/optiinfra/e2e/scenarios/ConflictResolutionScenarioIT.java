package io.optiinfra.e2e.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Optimization;
import io.optiinfra.e2e.support.api.Recommendation;
import io.optiinfra.e2e.support.api.Resolution;
import io.optiinfra.e2e.support.data.DataProviders;
import io.optiinfra.e2e.support.data.Fleet;
import io.optiinfra.e2e.support.data.Scenarios;
import io.optiinfra.e2e.support.db.RedisSubscription;
import io.optiinfra.e2e.support.fixtures.Conflicts;
import io.optiinfra.e2e.support.fixtures.FleetState;
import io.optiinfra.e2e.support.fixtures.Onboarding;
import io.optiinfra.e2e.support.fixtures.Optimizations;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.report.TestReport;
import io.optiinfra.e2e.support.wait.TimeBounds;
import io.optiinfra.e2e.support.wait.WaitHelper;
import io.restassured.response.Response;
import org.testng.annotations.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.optiinfra.e2e.support.matchers.OptiInfraMatchers.optimizationSuccessful;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Scenario 7 (SPEC §7): per case of conflicts.json the customer's priority order decides, deterministically, and each
 * strategy is reached, executed and proven in the simulator and the stores.
 */
@Test(groups = Groups.E2E, dependsOnGroups = Groups.SMOKE)
public class ConflictResolutionScenarioIT extends SuiteBase {

    @Test(dataProvider = DataProviders.CONFLICT_CASES, dataProviderClass = DataProviders.class)
    public void priorityOrderDecidesDeterministically(Scenarios.ConflictCase c) {
        List<String> pick = c.pick();
        List<String> priority = c.priorityOrder();
        String strategy = c.strategy();
        TestCustomer customer = newCustomer("Conflict Resolution " + c.name());
        Onboarding.onboardFleet(api(), cloud(), customer, c.fleet());

        try (RedisSubscription events = db().subscribe("optiinfra:customer:" + customer.customerId() + ":events")) {
            TestReport.step("Arrange: the customer states its priority order " + priority);
            Response preferences = customer.client().setPriorityOrder(customer.customerId(), priority);
            assertThat(preferences.asString(), preferences.statusCode(), equalTo(200));
            assertThat(db().postgres("SELECT priority_order FROM customers WHERE id = ?::uuid", customer.customerId())
                    .get(0).get("priority_order"), equalTo(priority));

            TestReport.step("Act: all agents analyse; resolve the conflict between " + pick);
            Onboarding.analyzeAndWait(customer, null, Optimizations.RECOMMENDATION_TIMEOUT);
            List<Recommendation> picked = new ArrayList<>(Conflicts.awaitRecommendations(customer, pick).values());
            List<String> ids = Conflicts.ids(picked);
            Resolution resolution = Conflicts.resolve(customer, ids);

            TestReport.step("Assert: strategy " + strategy + " under the customer's priority order");
            assertThat("conflict_detected", resolution.conflictDetected(), equalTo(true));
            assertThat("resolution_strategy", resolution.strategy(), equalTo(strategy));
            assertThat("priority_order", resolution.priorityOrder(), equalTo(priority));
            switch (strategy) {
                case "prioritize_customer" -> assertChosen(customer, c, resolution, picked, ids);
                case "negotiate_hybrid" -> {
                    assertThat("hybrid_solution", resolution.hybrid(), notNullValue());
                    Resolution.Hybrid hybrid = resolution.hybrid();
                    assertThat(hybrid.spotRecommendationId(), equalTo(idOf(picked, "spot_migration")));
                    assertThat(hybrid.reservedRecommendationId(), equalTo(idOf(picked, "reserved_instances")));
                    Conflicts.assertHybridMatchesCatalog(cloud(), customer, hybrid);
                    assertThat("spot part", hybrid.instanceIds("spot"), hasSize(c.hybridSpotCount()));
                    assertThat("reserved part", hybrid.instanceIds("reserved"), hasSize(c.hybridReservedCount()));
                    assertThat("hybrid estimated_savings vs testdata", Conflicts.savings(hybrid),
                            closeTo(c.hybridSavings(), 0.02));
                }
                case "sequential_execution" -> {
                    List<Recommendation> order = resolution.order();
                    assertThat("execution_order types", order.stream().map(Recommendation::type).toList(),
                            containsInAnyOrder(c.executionTypes().toArray()));
                    Resolution again = Conflicts.resolve(customer, reversed(ids));
                    assertThat("execution_order of a second resolution over the same recommendations",
                            Conflicts.ids(again.order()), equalTo(Conflicts.ids(order)));
                }
                default -> throw new AssertionError("conflicts.json names an unknown strategy: " + strategy);
            }
            Conflicts.assertStored(db(), customer, resolution, ids);

            TestReport.step("Act: execute the resolution");
            String deployment = picked.get(0).requireDeploymentId();
            Conflicts.Telemetry before = Conflicts.Telemetry.before(db(), customer, deployment, Instant.now());
            Optimization optimization = Conflicts.executeAndAwait(customer, resolution.id());
            Instant completedAt = Instant.now();

            TestReport.step("Assert: the optimization completed as the strategy prescribes");
            assertThat(optimization, optimizationSuccessful());
            assertExecuted(customer, resolution, optimization, ids);
            if ("prioritize_customer".equals(strategy)
                    && Fleet.named(c.fleet()).expectations().outcomes().containsKey(c.chosenType())) {
                Fleet.Outcome pinned = Fleet.named(c.fleet()).outcome(c.chosenType());
                assertThat("running instances after " + c.chosenType() + " (simulator)",
                        FleetState.runningGroups(cloud(), customer.customerId()),
                        equalTo(FleetState.sorted(pinned.runningAfter())));
                assertThat("simulator monthly cost after", cloud().summary(customer.customerId()).get("monthly_cost")
                        .asDouble(), closeTo(pinned.monthlyCostAfter(), 0.02));
            }

            TestReport.step("Prove in stores: Redis events, ClickHouse effect");
            WaitHelper.until("conflict_resolved and optimization_completed published on Redis", TimeBounds.EVENT_DELIVERY,
                    events::messages, m -> m.stream().anyMatch(s -> s.contains("\"conflict_resolved\""))
                            && m.stream().anyMatch(s -> s.contains("\"optimization_completed\"")));
            before.assertEffect(db(), customer, deployment, Conflicts.executedTypes(resolution), completedAt,
                    Conflicts.plannedSavings(resolution, Conflicts.byId(picked)), Conflicts.MEASURED_TOLERANCE_PCT);
        }
    }

    /** The chosen recommendation is the one conflicts.json pins; a second resolution agrees. */
    private void assertChosen(TestCustomer customer, Scenarios.ConflictCase c, Resolution resolution,
                              List<Recommendation> picked, List<String> ids) {
        assertThat("chosen_recommendation is an object", resolution.chosenRecommendation() != null
                && resolution.chosenRecommendation().isObject(), equalTo(true));
        Recommendation chosen = resolution.chosen();
        assertThat("chosen type", chosen.type(), equalTo(c.chosenType()));
        assertThat("chosen id", chosen.id(), equalTo(idOf(picked, c.chosenType())));
        if (Fleet.named(c.fleet()).expectations().outcomes().containsKey(c.chosenType())) {
            Fleet.Outcome pinned = Fleet.named(c.fleet()).outcome(c.chosenType());
            JsonNode details = Conflicts.byId(picked).get(chosen.id()).details();
            if (pinned.targetInstanceType() != null) {
                assertThat("chosen recommendation's target_instance_type vs testdata",
                        details.path("target_instance_type").asText(null), equalTo(pinned.targetInstanceType()));
            }
            assertThat("chosen_recommendation.estimated_savings present",
                    resolution.chosenRecommendation().path("estimated_savings").isNumber(), equalTo(true));
            assertThat("chosen recommendation's estimated_savings vs testdata", chosen.estimatedSavings(),
                    closeTo(pinned.estimatedSavings(), 0.02));
        }

        TestReport.step("Assert: deterministic — a new resolution over the same recommendations agrees");
        Resolution again = Conflicts.resolve(customer, reversed(ids));
        assertThat("a new resolution id", again.id(), not(equalTo(resolution.id())));
        assertThat(again.strategy(), equalTo(resolution.strategy()));
        // the whole chosen object as sent, every field (trees compare numbers by value and type)
        assertThat(again.chosenRecommendation(), equalTo(resolution.chosenRecommendation()));
    }

    /** Statuses in PostgreSQL, the step plan, and for a hybrid the simulator's markets. */
    private void assertExecuted(TestCustomer customer, Resolution resolution, Optimization optimization,
                                List<String> ids) {
        List<String> stepRecs = optimization.stepRecommendationIds();
        switch (resolution.strategy()) {
            case "prioritize_customer" -> {
                String chosen = resolution.chosen().id();
                assertThat("only the chosen recommendation runs", stepRecs, equalTo(List.of(chosen)));
                for (String id : ids) {
                    assertThat("status of " + id, status(id), equalTo(id.equals(chosen) ? "completed" : "rejected"));
                }
            }
            case "negotiate_hybrid" -> {
                Resolution.Hybrid hybrid = resolution.requireHybrid();
                ids.forEach(id -> assertThat("status of " + id, status(id), equalTo("completed")));
                Map<String, JsonNode> instances = new HashMap<>();
                cloud().instances(customer.customerId()).forEach(i -> instances.put(i.get("id").asText(), i));
                for (String market : List.of("spot", "reserved")) {
                    for (String id : hybrid.instanceIds(market)) {
                        JsonNode instance = instances.get(id);
                        assertThat("instance " + id + " in the simulator", instance, not(equalTo(null)));
                        assertThat(id + " state", instance.get("state").asText(), equalTo("running"));
                        assertThat(id + " market", instance.get("market").asText(), equalTo(market));
                    }
                }
            }
            default -> {
                assertThat("rollouts one after the other, in execution order", stepRecs,
                        equalTo(Conflicts.ids(resolution.order())));
                ids.forEach(id -> assertThat("status of " + id, status(id), equalTo("completed")));
            }
        }
    }

    private String status(String recommendationId) {
        return (String) db().postgres("SELECT status FROM recommendations WHERE id = ?::uuid", recommendationId)
                .get(0).get("status");
    }

    private static List<String> reversed(List<String> ids) {
        List<String> copy = new ArrayList<>(ids);
        Collections.reverse(copy);
        return copy;
    }

    private static String idOf(List<Recommendation> recs, String type) {
        return recs.stream().filter(r -> type.equals(r.type())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " picked")).id();
    }
}
