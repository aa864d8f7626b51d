package io.optiinfra.e2e.integration;

import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.ApiError;
import io.optiinfra.e2e.support.api.Approval;
import io.optiinfra.e2e.support.api.Optimization;
import io.optiinfra.e2e.support.api.Recommendation;
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
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * The natural flow of an outside client for performance tuning: analyse, then approve the recommendation the moment
 * it shows up — no quality-baseline analysis run beforehand. The platform must either refuse the approval with a
 * clear 409 until the recommendation can be executed, or establish what its rollout gates need itself; what it must
 * not do is accept the approval and then roll back for want of a quality baseline.
 */
@Test(groups = Groups.INTEGRATION, dependsOnGroups = Groups.SMOKE)
public class PerformanceApprovalFlowIT extends SuiteBase {
    private static final String FLEET = "aws-medium";
    private static final String TYPE = "kv_cache_optimization";

    public void performanceRecommendationApprovedRightAfterItsAnalysisRunsToCompletion() {
        TestCustomer customer = newCustomer("Performance Flow");
        OnboardedFleet fleet = Onboarding.onboardFleet(api(), cloud(), customer, FLEET);
        String deployment = fleet.fleet().get("deployments").get(0).get("id").asText();

        TestReport.step("Act: performance analysis, then approve " + TYPE + " as soon as it is listed");
        Onboarding.analyzeAndWait(customer, "performance", Optimizations.RECOMMENDATION_TIMEOUT);
        Recommendation rec = WaitHelper.until(TYPE + " listed for " + customer, Optimizations.RECOMMENDATION_TIMEOUT,
                () -> Optimizations.recommendations(customer).stream().filter(r -> TYPE.equals(r.type())).findFirst()
                        .orElse(null), r -> r != null);
        String recId = rec.id();
        Response first = customer.client().approve(recId);
        TestReport.info("first approval: HTTP " + first.statusCode() + " " + first.asString());
        assertThat("first approval: " + first.asString(), first.statusCode(), anyOf(equalTo(200), equalTo(409)));

        String optimizationId;
        if (first.statusCode() == 409) {
            TestReport.step("Assert: the refusal says what is missing; approval goes through once validated");
            assertThat(Api.body(first, ApiError.class).message(), containsString("baseline"));
            Recommendation validated = Optimizations.awaitValidatedRecommendation(customer, TYPE);
            assertThat("application validation of " + recId + ": " + validated.validations(),
                    validated.requireValidation("application").baselineEstablished(), equalTo(true));
            optimizationId = Optimizations.approve(customer, validated);
        } else {
            optimizationId = Api.read(first, Approval.class).optimizationId();
        }

        TestReport.step("Wait: the rollout ends completed, not rolled back for want of a baseline");
        Optimization optimization = Optimizations.awaitEnd(customer, optimizationId);
        Optimization.Result result = optimization.result();
        assertThat("optimization " + optimizationId + " result " + result + ", steps "
                + optimization.steps(), optimization.status(), equalTo("completed"));
        assertThat("result of " + optimizationId, result, notNullValue());
        assertThat(result.error(), nullValue());

        TestReport.step("Prove in PostgreSQL: the quality baseline the gates compared with");
        assertThat(RolloutEvidence.qualityBaseline(db(), customer, deployment), greaterThan(0.0));
        List<Map<String, Object>> gates = db().postgres("SELECT name, detail->'gate'->>'quality_baseline' AS baseline "
                + "FROM optimization_steps WHERE optimization_id = ?::uuid AND name LIKE 'validate_%' ORDER BY seq",
                optimizationId);
        TestReport.storeCheck("postgres", "gate steps of " + optimizationId, gates);
        assertThat("validate_* gates of " + optimizationId + ": " + gates, gates.size(), equalTo(2));
    }
}
