package io.optiinfra.e2e.integration;

import io.optiinfra.e2e.support.ApiTest;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.fixtures.OnboardedFleet;
import io.optiinfra.e2e.support.fixtures.Onboarding;
import io.optiinfra.e2e.support.fixtures.Optimizations;
import io.optiinfra.e2e.support.fixtures.RolloutEvidence;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.report.TestReport;
import io.optiinfra.e2e.support.wait.WaitHelper;
import io.restassured.response.Response;
import org.testng.annotations.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.nullValue;

/**
 * The natural flow of an outside client for performance tuning: analyse, then approve the recommendation the moment
 * it shows up — no quality-baseline analysis run beforehand. The platform must either refuse the approval with a
 * clear 409 until the recommendation can be executed, or establish what its rollout gates need itself; what it must
 * not do is accept the approval and then roll back for want of a quality baseline.
 */
@Test(groups = Groups.INTEGRATION, dependsOnGroups = Groups.SMOKE)
public class PerformanceApprovalFlowIT extends ApiTest {
    private static final String FLEET = "aws-medium";
    private static final String TYPE = "kv_cache_optimization";

    public void performanceRecommendationApprovedRightAfterItsAnalysisRunsToCompletion() {
        TestCustomer customer = newCustomer("Performance Flow");
        OnboardedFleet fleet = Onboarding.onboardFleet(api(), cloud(), customer, FLEET);
        String deployment = fleet.fleet().get("deployments").get(0).get("id").asText();

        TestReport.step("Act: performance analysis, then approve " + TYPE + " as soon as it is listed");
        Onboarding.analyzeAndWait(customer, "performance", Optimizations.RECOMMENDATION_TIMEOUT);
        Map<String, Object> rec = WaitHelper.until(TYPE + " listed for " + customer, Optimizations.RECOMMENDATION_TIMEOUT,
                () -> customer.client().recommendations(customer.customerId()).jsonPath().<Map<String, Object>>getList("")
                        .stream().filter(r -> TYPE.equals(r.get("type"))).findFirst().orElse(null),
                r -> r != null);
        String recId = rec.get("id").toString();
        Response first = customer.client().approve(recId);
        TestReport.info("first approval: HTTP " + first.statusCode() + " " + first.asString());
        assertThat("first approval: " + first.asString(), first.statusCode(), anyOf(equalTo(200), equalTo(409)));

        String optimizationId;
        if (first.statusCode() == 409) {
            TestReport.step("Assert: the refusal says what is missing; approval goes through once validated");
            assertThat(first.jsonPath().getString("message"), containsString("baseline"));
            Map<String, Object> validated = Optimizations.awaitValidatedRecommendation(customer, TYPE);
            assertThat("application validation of " + recId + ": " + validated.get("validations"),
                    RolloutEvidence.validation(validated, "application").get("baseline_established"), equalTo(true));
            optimizationId = Optimizations.approve(customer, validated);
        } else {
            optimizationId = first.jsonPath().getString("optimization_id");
        }

        TestReport.step("Wait: the rollout ends completed, not rolled back for want of a baseline");
        Map<String, Object> optimization = Optimizations.awaitEnd(customer, optimizationId);
        Map<?, ?> result = (Map<?, ?>) optimization.get("result");
        assertThat("optimization " + optimizationId + " result " + result + ", steps "
                + RolloutEvidence.steps(optimization), optimization.get("status"), equalTo("completed"));
        assertThat(result.get("error"), nullValue());

        TestReport.step("Prove in PostgreSQL: the quality baseline the gates compared with");
        assertThat(RolloutEvidence.qualityBaseline(db(), customer, deployment), greaterThan(0.0));
        List<Map<String, Object>> gates = db().postgres("SELECT name, detail->'gate'->>'quality_baseline' AS baseline "
                + "FROM optimization_steps WHERE optimization_id = ?::uuid AND name LIKE 'validate_%' ORDER BY seq",
                optimizationId);
        TestReport.storeCheck("postgres", "gate steps of " + optimizationId, gates);
        assertThat("validate_* gates of " + optimizationId + ": " + gates, gates.size(), equalTo(2));
    }
}
