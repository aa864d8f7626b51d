package io.optiinfra.e2e.concurrency;

import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.ApiError;
import io.optiinfra.e2e.support.api.Approval;
import io.optiinfra.e2e.support.api.Resolution;
import io.optiinfra.e2e.support.concurrency.ConcurrencyData;
import io.optiinfra.e2e.support.concurrency.PlannedRightsizing;
import io.optiinfra.e2e.support.concurrency.Race;
import io.optiinfra.e2e.support.fixtures.Conflicts;
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
 * N parallel {@code POST /orchestrator/execute-resolution} of one resolution run it once. The resolution of
 * rightsizing vs spot migration on one deployment picks the rightsizing (both cost, the larger saving), so the cloud
 * must end exactly as after one rightsizing and the spot recommendation is set aside.
 */
@Test(groups = Groups.CONCURRENCY, dependsOnGroups = Groups.SMOKE)
public class ParallelResolutionIT extends SuiteBase {

    public void parallelExecutionsOfOneResolutionStartExactlyOneOptimization() {
        ConcurrencyData data = ConcurrencyData.load();
        TestCustomer customer = newCustomer("Parallel Resolutions");
        PlannedRightsizing contested = PlannedRightsizing.prepare(api(), cloud(), customer, data.rightsizing());
        String rightsizing = contested.recommendationId();
        String spot = Optimizations.awaitValidatedRecommendation(customer, "spot_migration").id();
        Resolution resolution = Conflicts.resolve(customer, List.of(rightsizing, spot));
        assertThat("strategy for two capacity changes of one deployment: " + resolution,
                resolution.strategy(), equalTo("prioritize_customer"));
        assertThat("chosen: the rightsizing (larger saving of the two cost recommendations): " + resolution,
                resolution.chosen().id(), equalTo(rightsizing));
        String resolutionId = resolution.id();

        TestReport.step("Act: " + data.contenders() + " execute-resolution calls of " + resolutionId + " at once");
        List<Response> answers = Race.run(data.contenders(), i -> customer.client().executeResolution(resolutionId));
        Response winner = Race.assertExactlyOneWinner("parallel execute-resolution", answers);
        String optimizationId = Api.read(winner, Approval.class).optimizationId();
        answers.stream().filter(r -> r.statusCode() == 409).forEach(r -> assertThat("a losing execution is refused "
                + "because the resolution already ran: " + r.asString(), Api.body(r, ApiError.class).message(),
                containsString("already executed")));

        TestReport.step("Prove in PostgreSQL: one optimization, recorded on the resolution");
        List<Map<String, Object>> optimizations = db().postgres("SELECT id::text AS id FROM optimizations WHERE "
                + "?::uuid = ANY (recommendation_ids) OR ?::uuid = ANY (recommendation_ids)", rightsizing, spot);
        TestReport.storeCheck("postgres", "optimizations of the resolution's recommendations", optimizations);
        assertThat("optimizations started for resolution " + resolutionId + ": " + optimizations, optimizations.size(),
                equalTo(1));
        assertThat(db().postgres("SELECT optimization_id::text AS o FROM conflict_resolutions WHERE id = ?::uuid",
                resolutionId).get(0).get("o"), equalTo(optimizationId));

        TestReport.step("Wait: the rollout ends; the cloud holds exactly one rightsizing's fleet");
        assertThat(Optimizations.awaitEnd(customer, optimizationId).status(), equalTo("completed"));
        contested.assertCloudHolds(cloud(), contested.afterRollout(), "after " + data.contenders()
                + " execute-resolution calls");
        assertThat(db().postgres("SELECT status FROM recommendations WHERE id = ?::uuid", spot).get(0).get("status"),
                equalTo("rejected"));
    }
}
