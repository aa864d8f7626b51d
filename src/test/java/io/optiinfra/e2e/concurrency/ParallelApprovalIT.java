package io.optiinfra.e2e.concurrency;

import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.ApiError;
import io.optiinfra.e2e.support.api.Approval;
import io.optiinfra.e2e.support.concurrency.ConcurrencyData;
import io.optiinfra.e2e.support.concurrency.PlannedRightsizing;
import io.optiinfra.e2e.support.concurrency.Race;
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
 * N parallel approvals of one validated recommendation start one rollout, not N. The cloud account must end with
 * exactly the planned fleet (fleet file + pinned plan + catalog): a duplicated rollout leaves extra instances and cost.
 */
@Test(groups = Groups.CONCURRENCY, dependsOnGroups = Groups.SMOKE)
public class ParallelApprovalIT extends SuiteBase {

    public void parallelApprovalsOfOneRecommendationStartExactlyOneRollout() {
        ConcurrencyData data = ConcurrencyData.load();
        TestCustomer customer = newCustomer("Parallel Approvals");
        PlannedRightsizing contested = PlannedRightsizing.prepare(api(), cloud(), customer, data.rightsizing());
        String recId = contested.recommendationId();

        TestReport.step("Act: " + data.contenders() + " approvals of " + recId + " released at once");
        List<Response> answers = Race.run(data.contenders(), i -> customer.client().approve(recId));

        TestReport.step("Assert: one 200, the rest 409 with {error, message}");
        Response winner = Race.assertExactlyOneWinner("parallel approvals", answers);
        String optimizationId = Api.read(winner, Approval.class).optimizationId();
        answers.stream().filter(r -> r.statusCode() == 409).forEach(r -> assertThat("a losing approval is refused "
                + "because the recommendation is no longer pending: " + r.asString(), Api.body(r, ApiError.class).message(),
                containsString("not pending")));

        TestReport.step("Prove in PostgreSQL: exactly one optimization for the recommendation");
        List<Map<String, Object>> optimizations = db().postgres("SELECT id::text AS id FROM optimizations WHERE "
                + "?::uuid = ANY (recommendation_ids)", recId);
        TestReport.storeCheck("postgres", "optimizations of " + recId, optimizations);
        assertThat("optimizations started for " + recId + ": " + optimizations, optimizations.size(), equalTo(1));
        assertThat(optimizations.get(0).get("id"), equalTo(optimizationId));

        TestReport.step("Wait: the rollout ends; assert the cloud holds exactly the planned fleet and cost");
        assertThat(Optimizations.awaitEnd(customer, optimizationId).status(), equalTo("completed"));
        contested.assertCloudHolds(cloud(), contested.afterRollout(), "after " + data.contenders() + " approvals");
        assertThat(db().postgres("SELECT status FROM recommendations WHERE id = ?::uuid", recId).get(0).get("status"),
                equalTo("completed"));
    }
}
