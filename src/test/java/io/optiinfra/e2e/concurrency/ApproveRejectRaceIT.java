package io.optiinfra.e2e.concurrency;

import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.Approval;
import io.optiinfra.e2e.support.concurrency.FleetShape;
import io.optiinfra.e2e.support.concurrency.Race;
import io.optiinfra.e2e.support.fixtures.OnboardedFleet;
import io.optiinfra.e2e.support.fixtures.Onboarding;
import io.optiinfra.e2e.support.fixtures.Optimizations;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.report.TestReport;
import io.restassured.response.Response;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Approve and reject of one recommendation released at once: exactly one wins, the other gets 409, and everything
 * after (recommendation status, optimizations rows, the cloud account) is what the winner alone implies. Who wins is
 * up to the platform, so the race runs in several rounds; afterwards both calls are refused whoever won.
 */
@Test(groups = Groups.CONCURRENCY, dependsOnGroups = Groups.SMOKE)
public class ApproveRejectRaceIT extends SuiteBase {
    private static final String FLEET = "aws-small";
    /** An idle-resource cleanup terminates the fleet's idle g5.2xlarge (a quick rollout with a visible effect). */
    private static final String IDLE_TYPE = "g5.2xlarge";

    @DataProvider(name = "rounds", parallel = true, propagateFailureAsTestFailure = true)
    public Object[][] rounds() {
        return new Object[][] {{1}, {2}, {3}};
    }

    @Test(dataProvider = "rounds")
    public void approveAndRejectRaceHasOneWinnerAndTheEndStateMatchesIt(int round) {
        TestCustomer customer = newCustomer("Approve Reject Race " + round);
        OnboardedFleet fleet = Onboarding.onboardFleet(api(), cloud(), customer, FLEET);
        Onboarding.analyzeAndWait(customer, "resource", Optimizations.RECOMMENDATION_TIMEOUT);
        String recId = Optimizations.awaitValidatedRecommendation(customer, "idle_resource_cleanup").id();

        TestReport.step("Act: approve and reject of " + recId + " released at once (round " + round + ")");
        List<Response> answers = Race.run(2, i -> i == 0 ? customer.client().approve(recId)
                : customer.client().reject(recId));
        Response winner = Race.assertExactlyOneWinner("approve vs reject, round " + round, answers);
        boolean approveWon = winner == answers.get(0);
        TestReport.info("round " + round + ": " + (approveWon ? "approve" : "reject") + " won");
        System.out.println("[concurrency] approve vs reject round " + round + ": " + (approveWon ? "approve" : "reject")
                + " won");

        TestReport.step("Assert: the end state is the winner's alone");
        List<Map<String, Object>> optimizations = db().postgres("SELECT id::text AS id FROM optimizations WHERE "
                + "?::uuid = ANY (recommendation_ids)", recId);
        FleetShape seeded = FleetShape.seeded(fleet.fleet());
        if (approveWon) {
            assertThat("optimizations of the approved " + recId + ": " + optimizations, optimizations.size(), equalTo(1));
            String optimizationId = Api.read(winner, Approval.class).optimizationId();
            assertThat(Optimizations.awaitEnd(customer, optimizationId).status(), equalTo("completed"));
            assertThat(status(recId), equalTo("completed"));
            assertCloud(customer, seeded.withoutIdle(IDLE_TYPE));
        } else {
            assertThat("optimizations of the rejected " + recId + ": " + optimizations, optimizations.size(), equalTo(0));
            assertThat(status(recId), equalTo("rejected"));
            assertCloud(customer, seeded);
        }

        TestReport.step("Assert: once decided, neither approve nor reject goes through again");
        Response approveAgain = customer.client().approve(recId);
        Response rejectAgain = customer.client().reject(recId);
        assertThat("approve after the race: " + approveAgain.asString(), approveAgain.statusCode(), equalTo(409));
        assertThat("reject after the race (recommendation is " + status(recId) + "): " + rejectAgain.asString(),
                rejectAgain.statusCode(), equalTo(409));
        Race.assertRefusal("approve after the race", approveAgain);
        Race.assertRefusal("reject after the race", rejectAgain);
        assertThat("status unchanged by the refused calls", status(recId), equalTo(approveWon ? "completed" : "rejected"));
    }

    private String status(String recId) {
        return (String) db().postgres("SELECT status FROM recommendations WHERE id = ?::uuid", recId).get(0).get("status");
    }

    private void assertCloud(TestCustomer customer, FleetShape expected) {
        FleetShape observed = FleetShape.observed(cloud(), customer.customerId());
        TestReport.info("expected fleet " + expected + ", observed " + observed);
        assertThat("running instances per 'deployment | type | market' in the cloud simulator", observed.counts(),
                equalTo(expected.counts()));
    }
}
