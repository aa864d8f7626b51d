package io.optiinfra.e2e.scenarios;

import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Agent;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.Dashboard;
import io.optiinfra.e2e.support.api.Infrastructure;
import io.optiinfra.e2e.support.api.Optimization;
import io.optiinfra.e2e.support.api.Recommendation;
import io.optiinfra.e2e.support.client.EventSocket;
import io.optiinfra.e2e.support.data.CustomerProfile;
import io.optiinfra.e2e.support.data.DataProviders;
import io.optiinfra.e2e.support.data.Fleet;
import io.optiinfra.e2e.support.data.Scenarios;
import io.optiinfra.e2e.support.db.RedisSubscription;
import io.optiinfra.e2e.support.fixtures.OnboardedFleet;
import io.optiinfra.e2e.support.fixtures.Onboarding;
import io.optiinfra.e2e.support.fixtures.Optimizations;
import io.optiinfra.e2e.support.fixtures.RolloutEvidence;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.fixtures.TestCustomers;
import io.optiinfra.e2e.support.report.TestReport;
import io.optiinfra.e2e.support.wait.TimeBounds;
import io.optiinfra.e2e.support.wait.WaitHelper;
import io.restassured.response.Response;
import org.testng.annotations.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.optiinfra.e2e.support.matchers.OptiInfraMatchers.optimizationSuccessful;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Scenario 5 (SPEC §7), for every customer profile of customers.json on the fleet of its cloud: one customer from
 * signup to realised savings, followed live on its WebSocket, while another tenant can neither open that socket nor
 * see any of its events. Realised savings are checked against the measured (ClickHouse) spend, never against the
 * platform's own estimate alone.
 */
@Test(groups = Groups.E2E, dependsOnGroups = Groups.SMOKE)
public class CustomerJourneyScenarioIT extends SuiteBase {
    /** The server closes a refused socket right after the upgrade: a handshake's bound. */
    private static final Duration SOCKET_CLOSE_TIMEOUT = TimeBounds.HANDSHAKE;

    @Test(dataProvider = DataProviders.CUSTOMER_PROFILES, dataProviderClass = DataProviders.class)
    public void customerJourneyFromSignupToRealizedSavingsOnTheLiveSocket(CustomerProfile profile) {
        Scenarios.Journey expect = Scenarios.read("journey.json", Scenarios.Journey.class);
        String fleetName = expect.fleetByCloud().get(profile.cloudProvider());
        assertThat("journey.json fleet for " + profile.cloudProvider(), fleetName, not(equalTo(null)));
        double tolerance = expect.savingsTolerancePct() / 100;

        TestReport.step("Arrange: signup and login as a " + profile + " customer; another tenant on the side");
        TestCustomer customer = TestCustomers.signUp(api(), profile);
        Response preferences = customer.client().setPriorityOrder(customer.customerId(), profile.priorityOrder());
        assertThat(preferences.asString(), preferences.statusCode(), equalTo(200));
        TestCustomer other = newCustomer("Journey Other Tenant");
        String url = env().orchestratorUrl();
        try (EventSocket socket = EventSocket.open(url, customer.customerId(), customer.accessToken());
             EventSocket intruder = EventSocket.open(url, customer.customerId(), other.accessToken());
             EventSocket othersOwn = EventSocket.open(url, other.customerId(), other.accessToken());
             RedisSubscription redis = db().subscribe("optiinfra:customer:" + customer.customerId() + ":events")) {

            TestReport.step("Act: onboard, fetch the install command, connect the runtime; wait for discovery");
            OnboardedFleet fleet = Onboarding.onboardFleet(api(), cloud(), customer, fleetName);
            List<String> deployments = fleet.spec().deployments().stream().map(Fleet.DeploymentSpec::id).toList();
            Infrastructure infrastructure = Api.read(customer.client().infrastructure(customer.customerId()),
                    Infrastructure.class);
            assertThat("discovered deployments", infrastructure.requireDeployments().stream()
                    .map(Infrastructure.VllmDeployment::id).sorted().toList(),
                    equalTo(deployments.stream().sorted().toList()));
            assertThat(db().postgres("SELECT cloud_provider FROM onboarding WHERE customer_id = ?::uuid",
                    customer.customerId()).get(0).get("cloud_provider"), equalTo(profile.cloudProvider()));

            TestReport.step("Act: every agent analyses the fleet; wait for the validations");
            Onboarding.analyzeAndWait(customer, null, Optimizations.RECOMMENDATION_TIMEOUT);
            Onboarding.awaitValidated(customer, Optimizations.RECOMMENDATION_TIMEOUT);

            TestReport.step("Assert: the dashboard sums the pending savings and shows measured spend");
            Dashboard dashboard = WaitHelper.until("dashboard with a measured current_spend", Duration.ofSeconds(10),
                    () -> dashboard(customer), d -> d.currentSpend() != null && d.currentSpend() > 0);
            List<Recommendation> pending = Api.list(customer.client().get("/customers/{id}/recommendations",
                    Map.of("status", "pending"), customer.customerId()), Recommendation.class);
            assertThat("pending recommendations", pending.size(), greaterThan(0));
            double pendingSum = pending.stream().mapToDouble(Recommendation::estimatedSavings).sum();
            assertThat("dashboard potential_savings", dashboard.potentialSavings(), notNullValue());
            assertThat("potential_savings = Σ pending estimated_savings", dashboard.potentialSavings(),
                    closeTo(pendingSum, 1e-6 * Math.max(1, pendingSum)));
            assertThat("dashboard recommendations", dashboard.recommendations(), notNullValue());
            assertThat("dashboard recommendations", dashboard.recommendations().stream().map(Dashboard.Entry::id)
                    .collect(Collectors.toCollection(TreeSet::new)), equalTo(pending.stream().map(Recommendation::id)
                    .collect(Collectors.toCollection(TreeSet::new))));
            double spendBefore = dashboard.currentSpend();
            TestReport.metric("current spend before", spendBefore, "USD/month");
            assertThat("dashboard current_spend vs the fleet's pinned monthly cost", spendBefore,
                    closeTo(fleet.spec().expectations().monthlyCost(), 0.02));
            double measuredBefore = Optimizations.sampleBefore(db(), customer, "monthly_cost", "account", Instant.now());

            TestReport.step("Act: approve the top validated recommendation by savings");
            Recommendation top = Optimizations.recommendations(customer).stream()
                    .filter(r -> "pending".equals(r.status()) && r.fullyValidated())
                    .max(Comparator.comparingDouble(Recommendation::estimatedSavings))
                    .orElseThrow(() -> new AssertionError("no fully validated pending recommendation"));
            double predicted = Api.read(customer.client().recommendation(top.id()), Recommendation.class)
                    .estimatedSavings();
            TestReport.info("approving " + top.type() + " " + top.id() + " worth " + predicted + " USD/month");
            String optimizationId = Optimizations.approve(customer, top);
            Optimization optimization = Optimizations.awaitEnd(customer, optimizationId);
            assertThat(optimization, optimizationSuccessful());

            TestReport.step("Assert: the WebSocket streamed the rollout live");
            WaitHelper.until("optimization_completed of " + optimizationId + " on the WebSocket", TimeBounds.EVENT_DELIVERY,
                    socket::messages, m -> !RolloutEvidence.events(m, "optimization_completed", optimizationId).isEmpty());
            List<String> received = socket.messages().stream()
                    .filter(m -> !"connected".equals(RolloutEvidence.parse(m).path("type").asText())).toList();
            TestReport.metric("events received on the WebSocket", received.size(), "");
            assertThat("events on the WebSocket", received.size(), greaterThan(0));
            assertThat("optimization_step events on the WebSocket",
                    RolloutEvidence.events(received, "optimization_step", optimizationId), not(empty()));
            assertThat("every rollout step event on Redis also reached the socket",
                    RolloutEvidence.stepSeqs(received, optimizationId, "completed"),
                    equalTo(RolloutEvidence.stepSeqs(redis.messages(), optimizationId, "completed")));

            TestReport.step("Wait: measured spend drops; Assert: realised savings match the prediction");
            Instant completedAt = Instant.now();
            double measuredAfter = Optimizations.awaitSampleAfter(db(), customer, "monthly_cost", "account", completedAt);
            double spendAfter = WaitHelper.until("dashboard current_spend at the measured " + measuredAfter,
                    Duration.ofSeconds(15), () -> dashboard(customer).currentSpend(),
                    spend -> spend != null && Math.abs(spend - measuredAfter) < 0.02);
            double measuredDrop = measuredBefore - measuredAfter;
            Dashboard after = dashboard(customer);
            assertThat("dashboard realized_savings", after.realizedSavings(), notNullValue());
            double realized = after.realizedSavings();
            TestReport.metric("current spend after", spendAfter, "USD/month");
            TestReport.metric("measured drop (ClickHouse)", measuredDrop, "USD/month");
            TestReport.metric("realised / predicted", realized / predicted, "");
            assertThat("current_spend after vs before", spendAfter, lessThan(spendBefore));
            assertThat("realized_savings vs the measured drop " + measuredDrop, realized,
                    closeTo(measuredDrop, measuredDrop * tolerance));
            assertThat("measured drop vs the approved estimate " + predicted, measuredDrop,
                    closeTo(predicted, predicted * tolerance));
            Scenarios.Band band = expect.realizedVsPredicted();
            assertThat("realized_savings vs predicted " + predicted, realized, allOf(
                    greaterThanOrEqualTo(band.min() * predicted), lessThanOrEqualTo(band.max() * predicted)));

            TestReport.step("Assert: an active agent of every type heartbeats");
            Duration window = env().agentOfflineWindow();
            for (String type : expect.agentTypes()) {
                // one fresh observation is enough; on a loaded machine a few polls may see a late heartbeat
                WaitHelper.until("an active " + type + " agent with a heartbeat within " + window.toMillis() + " ms",
                        window.multipliedBy(10), () -> Api.list(customer.client().agents(), Agent.class),
                        agents -> agents.stream().anyMatch(a -> type.equals(a.agentType())
                                && "active".equals(a.status()) && heartbeatAge(a).compareTo(window) <= 0));
            }

            TestReport.step("Assert: the other tenant's socket was refused with 4403 and saw nothing of this customer");
            Integer code = WaitHelper.until("the other tenant's socket closed", SOCKET_CLOSE_TIMEOUT,
                    intruder::closeCode, c -> c != null);
            assertThat("close code of the other tenant's socket", code, equalTo(4403));
            assertThat(intruder.messages().stream().filter(m -> m.contains(customer.customerId())).toList(), empty());
            assertThat("the other tenant's own socket is open", othersOwn.closeCode(), equalTo(null));
            assertThat(othersOwn.messages().stream().filter(m -> m.contains(customer.customerId())).toList(), empty());

            TestReport.step("Prove in stores: PostgreSQL outcome and audit trail, ClickHouse spend, Redis events");
            assertThat(db().postgres("SELECT success FROM optimization_outcomes WHERE optimization_id = ?::uuid",
                    optimizationId).get(0).get("success"), equalTo(true));
            assertThat(db().postgres("SELECT id FROM events WHERE customer_id = ?::uuid AND type = "
                    + "'optimization_completed' AND payload->>'optimization_id' = ?", customer.customerId(),
                    optimizationId), hasSize(1));
            assertThat(db().postgres("SELECT status FROM recommendations WHERE id = ?::uuid", top.id())
                    .get(0).get("status"), equalTo("completed"));
            assertThat("measured account monthly_cost (ClickHouse)", Optimizations.awaitSampleAfter(db(), customer,
                    "monthly_cost", "account", Instant.now()), lessThan(spendBefore));
            assertThat(RolloutEvidence.events(redis.messages(), "optimization_completed", optimizationId), hasSize(1));
        }
    }

    private static Dashboard dashboard(TestCustomer customer) {
        return Api.read(customer.client().dashboard(customer.customerId()), Dashboard.class);
    }

    /** How long ago the agent last heartbeated (last_heartbeat is an ISO-8601 timestamp). */
    private static Duration heartbeatAge(Agent agent) {
        String text = String.valueOf(agent.lastHeartbeat());
        if (text.matches("\\d+")) { // epoch millis (the record reads a number as its digits)
            return Duration.between(Instant.ofEpochMilli(Long.parseLong(text)), Instant.now());
        }
        Instant last = text.endsWith("Z") ? Instant.parse(text) : OffsetDateTime.parse(text).toInstant();
        return Duration.between(last, Instant.now());
    }
}
