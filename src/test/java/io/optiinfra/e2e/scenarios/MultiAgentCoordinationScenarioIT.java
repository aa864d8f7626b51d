package io.optiinfra.e2e.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Optimization;
import io.optiinfra.e2e.support.api.Recommendation;
import io.optiinfra.e2e.support.api.Resolution;
import io.optiinfra.e2e.support.data.CustomerProfile;
import io.optiinfra.e2e.support.data.Scenarios;
import io.optiinfra.e2e.support.db.RedisSubscription;
import io.optiinfra.e2e.support.fixtures.Conflicts;
import io.optiinfra.e2e.support.fixtures.OnboardedFleet;
import io.optiinfra.e2e.support.fixtures.Onboarding;
import io.optiinfra.e2e.support.fixtures.Optimizations;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.report.TestReport;
import io.optiinfra.e2e.support.wait.TimeBounds;
import io.optiinfra.e2e.support.wait.WaitHelper;
import org.testng.annotations.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.optiinfra.e2e.support.matchers.OptiInfraMatchers.optimizationSuccessful;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;

/**
 * Scenario 3 (SPEC §7): a cost and a performance recommendation on the same deployment conflict; the orchestrator
 * detects it, picks a valid strategy with its field, executes the plan, and the audit trail shows every party.
 */
@Test(groups = Groups.E2E, dependsOnGroups = Groups.SMOKE)
public class MultiAgentCoordinationScenarioIT extends SuiteBase {

    public void costAndPerformanceRecommendationsAreCoordinatedAndExecuted() {
        Scenarios.Coordination expect = Scenarios.read("coordination.json", Scenarios.Coordination.class);
        List<String> types = expect.recommendationTypes();
        TestCustomer customer = newCustomer("Multi-Agent Coordination Scenario");
        OnboardedFleet fleet = Onboarding.onboardFleet(api(), cloud(), customer, expect.fleet());

        try (RedisSubscription events = db().subscribe("optiinfra:customer:" + customer.customerId() + ":events")) {
            TestReport.step("Act: all four agents analyse the fleet");
            Onboarding.analyzeAndWait(customer, null, Optimizations.RECOMMENDATION_TIMEOUT);
            Map<String, Recommendation> recs = Conflicts.awaitRecommendations(customer, types);
            List<Recommendation> picked = new ArrayList<>(recs.values());
            List<String> pickedIds = Conflicts.ids(picked);

            TestReport.step("Assert: one cost and one performance recommendation on the same deployment");
            Set<Object> agents = new HashSet<>(picked.stream().map(Recommendation::agentType).toList());
            assertThat("recommending agents", agents, equalTo(Set.of("cost", "performance")));
            Set<Object> deployments = new HashSet<>(picked.stream().map(Recommendation::requireDeploymentId).toList());
            assertThat("deployments touched", deployments, hasSize(1));
            String deployment = deployments.iterator().next().toString();
            assertThat(fleet.spec().deployments().stream().map(d -> d.id()).toList(), hasItem(deployment));

            TestReport.step("Act: ask the orchestrator to resolve the conflict");
            Resolution resolution = Conflicts.resolve(customer, pickedIds);

            TestReport.step("Assert: conflict detected, the pinned strategy " + expect.strategy() + " and its order");
            assertThat("conflict_detected", resolution.conflictDetected(), equalTo(true));
            assertThat("resolution_strategy", resolution.strategy(), equalTo(expect.strategy()));
            List<Object> storedOrder = (List<Object>) db().postgres("SELECT priority_order FROM customers WHERE id = "
                    + "?::uuid", customer.customerId()).get(0).get("priority_order");
            assertThat("the default priority order stored", storedOrder,
                    equalTo(List.copyOf(CustomerProfile.DEFAULT_PRIORITY_ORDER)));
            assertThat("priority_order applied", resolution.priorityOrder(), equalTo(storedOrder));
            assertThat("execution_order", resolution.executionOrder(), instanceOf(List.class));
            List<Recommendation> order = resolution.order();
            assertThat("execution_order types", order.stream().map(r -> (Object) r.type()).toList(),
                    equalTo((List<Object>) (List<?>) expect.executionOrder()));
            Conflicts.assertStored(db(), customer, resolution, pickedIds);

            TestReport.step("Act: execute the resolution");
            Instant beforeExecution = Instant.now();
            Conflicts.Telemetry before = Conflicts.Telemetry.before(db(), customer, deployment, beforeExecution);
            Optimization optimization = Conflicts.executeAndAwait(customer, resolution.id());
            Instant completedAt = Instant.now();

            TestReport.step("Assert: the optimization completed and ran the resolved plan");
            assertThat(optimization, optimizationSuccessful());
            List<String> executed = Conflicts.executedTypes(resolution);
            List<String> stepRecOrder = optimization.stepRecommendationIds();
            assertThat("rollouts one after the other, in the pinned order", stepRecOrder,
                    equalTo(expect.executionOrder().stream().map(t -> recs.get(t).id()).toList()));
            assertThat(db().postgres("SELECT optimization_id::text AS optimization_id FROM conflict_resolutions WHERE "
                    + "id = ?::uuid", resolution.id()).get(0).get("optimization_id"),
                    equalTo(optimization.id()));

            TestReport.step("Prove in stores: audit trail from the agents and the orchestrator (PostgreSQL)");
            List<Map<String, Object>> sources = db().postgres("SELECT DISTINCT source FROM events WHERE customer_id = "
                    + "?::uuid", customer.customerId());
            List<Object> agentSources = sources.stream().map(r -> r.get("source"))
                    .filter(s -> s.toString().endsWith("-agent")).toList();
            assertThat("distinct agent sources " + agentSources, agentSources.size(),
                    greaterThanOrEqualTo(expect.minAgentSources()));
            assertThat(agentSources, hasItems("cost-agent", "performance-agent"));
            List<Object> orchestratorEvents = db().postgres("SELECT type FROM events WHERE customer_id = ?::uuid AND "
                    + "source = 'orchestrator'", customer.customerId()).stream().map(r -> r.get("type")).toList();
            assertThat(orchestratorEvents, hasItems("conflict_resolved", "optimization_started",
                    "optimization_completed"));

            TestReport.step("Prove in stores: Redis events, ClickHouse effect");
            WaitHelper.until("conflict_resolved and optimization_completed published on Redis", TimeBounds.EVENT_DELIVERY,
                    events::messages, m -> m.stream().anyMatch(s -> s.contains("\"conflict_resolved\""))
                            && m.stream().anyMatch(s -> s.contains("\"optimization_completed\"")));
            before.assertEffect(db(), customer, deployment, executed, completedAt,
                    Conflicts.plannedSavings(resolution, Conflicts.byId(picked)), Conflicts.MEASURED_TOLERANCE_PCT);
        }
    }
}
