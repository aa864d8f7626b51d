package io.optiinfra.e2e.concurrency;

import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.Approval;
import io.optiinfra.e2e.support.api.Recommendation;
import io.optiinfra.e2e.support.concurrency.ConcurrencyData;
import io.optiinfra.e2e.support.concurrency.Race;
import io.optiinfra.e2e.support.fixtures.Onboarding;
import io.optiinfra.e2e.support.fixtures.Optimizations;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.report.TestReport;
import io.restassured.response.Response;
import org.testng.annotations.Test;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

/**
 * Two different recommendations for one deployment approved at once: one rollout runs, the other approval is refused
 * with 409 while the deployment is busy (two canaries on one deployment would judge each other's telemetry), and goes
 * through once the first rollout has ended. The rollouts' intervals in PostgreSQL never overlap.
 */
@Test(groups = Groups.CONCURRENCY, dependsOnGroups = Groups.SMOKE)
public class BusyDeploymentIT extends SuiteBase {

    public void secondRolloutOnABusyDeploymentIsRefusedUntilTheFirstEnds() {
        ConcurrencyData.BusyDeployment arrangement = ConcurrencyData.load().busyDeployment();
        List<String> types = arrangement.recommendationTypes();
        assertThat("two recommendation types contend (testdata/concurrency.json)", types.size(), equalTo(2));
        TestCustomer customer = newCustomer("Busy Deployment");
        Onboarding.onboardFleet(api(), cloud(), customer, arrangement.fleet());
        Onboarding.analyzeAndWait(customer, "performance", Optimizations.RECOMMENDATION_TIMEOUT);
        List<Recommendation> recs = types.stream()
                .map(t -> Optimizations.awaitValidatedRecommendation(customer, t)).toList();
        List<String> recIds = recs.stream().map(Recommendation::id).toList();
        recIds.forEach(id -> assertThat("recommendation " + id + " acts on the contended deployment",
                db().postgres("SELECT details->>'deployment_id' AS d FROM recommendations WHERE id = ?::uuid", id)
                        .get(0).get("d"), equalTo(arrangement.deployment())));

        TestReport.step("Act: approve " + types + " of " + arrangement.deployment() + " at once");
        List<Response> answers = Race.run(2, i -> customer.client().approve(recIds.get(i)));
        Response winner = Race.assertExactlyOneWinner("approvals of two rollouts on one deployment", answers);
        int loser = winner == answers.get(0) ? 1 : 0;
        TestReport.info(types.get(1 - loser) + " won; " + types.get(loser) + " refused: " + answers.get(loser).asString());
        assertThat("the refused recommendation stays pending", status(recIds.get(loser)), equalTo("pending"));

        TestReport.step("Wait: the first rollout ends; then the second is accepted and runs");
        String first = Api.read(winner, Approval.class).optimizationId();
        assertThat(Optimizations.awaitEnd(customer, first).status(), equalTo("completed"));
        String second = Optimizations.approve(customer, recs.get(loser));
        assertThat(Optimizations.awaitEnd(customer, second).status(), equalTo("completed"));

        TestReport.step("Prove in PostgreSQL: the two rollouts never overlapped");
        List<Map<String, Object>> rows = db().postgres("SELECT id::text AS id, started_at, completed_at FROM optimizations "
                + "WHERE customer_id = ?::uuid ORDER BY started_at", customer.customerId());
        TestReport.storeCheck("postgres", "optimizations of " + customer, rows);
        assertThat("optimizations of " + customer + ": " + rows, rows.size(), equalTo(2));
        Timestamp firstEnded = (Timestamp) rows.get(0).get("completed_at");
        Timestamp secondStarted = (Timestamp) rows.get(1).get("started_at");
        assertThat("second rollout started (" + secondStarted + ") after the first ended (" + firstEnded + ")",
                secondStarted.getTime(), greaterThanOrEqualTo(firstEnded.getTime()));
    }

    private String status(String recId) {
        return (String) db().postgres("SELECT status FROM recommendations WHERE id = ?::uuid", recId).get(0).get("status");
    }
}
