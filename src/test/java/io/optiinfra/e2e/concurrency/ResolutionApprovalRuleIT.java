package io.optiinfra.e2e.concurrency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.ApiError;
import io.optiinfra.e2e.support.api.Recommendation;
import io.optiinfra.e2e.support.api.Resolution;
import io.optiinfra.e2e.support.cloud.CloudSimulatorClient;
import io.optiinfra.e2e.support.concurrency.ConcurrencyData;
import io.optiinfra.e2e.support.concurrency.FleetShape;
import io.optiinfra.e2e.support.concurrency.PlannedRightsizing;
import io.optiinfra.e2e.support.concurrency.Race;
import io.optiinfra.e2e.support.fixtures.Conflicts;
import io.optiinfra.e2e.support.fixtures.Onboarding;
import io.optiinfra.e2e.support.fixtures.Optimizations;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.report.TestReport;
import io.restassured.response.Response;
import org.testng.annotations.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * execute-resolution enforces exactly what approve enforces: a recommendation the Performance agent refused, or one
 * the customer rejected a moment before, is not run through a resolution either (409, nothing changes in the cloud).
 */
@Test(groups = Groups.CONCURRENCY, dependsOnGroups = Groups.SMOKE)
public class ResolutionApprovalRuleIT extends SuiteBase {

    public void resolutionRunningARecommendationThePerformanceAgentRefusedIsRefused() {
        ConcurrencyData.SloBreaking arrangement = ConcurrencyData.load().sloBreaking();
        TestCustomer customer = newCustomer("Resolution Refused Validation");
        JsonNode fleet = fleetWithSlo(arrangement);
        TestReport.step("Arrange: " + arrangement.fleet() + " with its SLO lowered to " + arrangement.sloP95Ms() + " ms");
        CloudSimulatorClient cloud = cloud();
        cloud.seedFleet(customer.customerId(), fleet);
        Onboarding.connectRuntime(api(), customer, fleet.get("cloud").asText(), fleet.get("region").asText());
        Onboarding.awaitDiscovered(customer, FleetShape.seeded(fleet).counts().values().stream().mapToInt(i -> i).sum());
        Onboarding.analyzeAndWait(customer, "cost", Optimizations.RECOMMENDATION_TIMEOUT);
        Onboarding.analyzeAndWait(customer, "performance", Optimizations.RECOMMENDATION_TIMEOUT);
        Recommendation spot = Optimizations.awaitValidatedRecommendation(customer, "spot_migration");
        Recommendation kv = Optimizations.awaitValidatedRecommendation(customer, "kv_cache_optimization");
        assertThat("precondition: Performance refused spot migration above the lowered SLO: " + spot.validations(),
                spot.requireValidation("performance").approved(), equalTo(false));
        String spotId = spot.id();
        String kvId = kv.id();
        Response direct = customer.client().approve(spotId);
        assertThat("approve of the refused recommendation: " + direct.asString(), direct.statusCode(), equalTo(409));

        TestReport.step("Act: resolve spot vs KV-cache (both run, in order) and execute the resolution");
        Resolution resolution = Conflicts.resolve(customer, List.of(spotId, kvId));
        assertThat("strategy: " + resolution, resolution.strategy(), equalTo("sequential_execution"));
        Response executed = customer.client().executeResolution(resolution.id());

        TestReport.step("Assert: 409 naming the refusal; nothing ran, nothing changed");
        assertThat("execute-resolution of a plan that runs a refused recommendation: " + executed.asString(),
                executed.statusCode(), equalTo(409));
        Race.assertRefusal("execute-resolution", executed);
        assertThat(Api.body(executed, ApiError.class).message(), containsString("performance"));
        assertNothingRan(customer, FleetShape.seeded(fleet), List.of(spotId, kvId));
    }

    public void resolutionRunningARecommendationTheCustomerJustRejectedIsRefused() {
        TestCustomer customer = newCustomer("Resolution After Reject");
        PlannedRightsizing contested = PlannedRightsizing.prepare(api(), cloud(), customer,
                ConcurrencyData.load().rightsizing());
        String rightsizing = contested.recommendationId();
        String spot = Optimizations.awaitValidatedRecommendation(customer, "spot_migration").id();
        Resolution resolution = Conflicts.resolve(customer, List.of(rightsizing, spot));
        assertThat("chosen: the rightsizing: " + resolution,
                resolution.chosen().id(), equalTo(rightsizing));

        TestReport.step("Act: the customer rejects the chosen recommendation, then the resolution is executed");
        Response rejected = customer.client().reject(rightsizing);
        assertThat(rejected.asString(), rejected.statusCode(), equalTo(200));
        Response executed = customer.client().executeResolution(resolution.id());

        TestReport.step("Assert: 409; the rejection stands, the other recommendation is untouched, the cloud unchanged");
        assertThat("execute-resolution of a rejected choice: " + executed.asString(), executed.statusCode(),
                equalTo(409));
        Race.assertRefusal("execute-resolution", executed);
        assertThat(status(rightsizing), equalTo("rejected"));
        assertThat(status(spot), equalTo("pending"));
        assertNothingRan(customer, contested.untouched(), List.of(rightsizing, spot));
    }

    private void assertNothingRan(TestCustomer customer, FleetShape seeded, List<String> recIds) {
        List<Map<String, Object>> optimizations = db().postgres("SELECT id FROM optimizations WHERE customer_id = ?::uuid",
                customer.customerId());
        assertThat("optimizations of " + customer + " (recommendations " + recIds + "): " + optimizations,
                optimizations.size(), equalTo(0));
        FleetShape observed = FleetShape.observed(cloud(), customer.customerId());
        TestReport.info("seeded fleet " + seeded + ", observed " + observed);
        assertThat("running instances per 'deployment | type | market' in the cloud simulator", observed.counts(),
                equalTo(seeded.counts()));
    }

    private String status(String recId) {
        return (String) db().postgres("SELECT status FROM recommendations WHERE id = ?::uuid", recId).get(0).get("status");
    }

    private static JsonNode fleetWithSlo(ConcurrencyData.SloBreaking arrangement) {
        ObjectNode fleet = CloudSimulatorClient.fleetFile(arrangement.fleet()).deepCopy();
        fleet.withArray("deployments").forEach(d -> ((ObjectNode) d).put("slo_p95_ms", arrangement.sloP95Ms()));
        return fleet;
    }
}
