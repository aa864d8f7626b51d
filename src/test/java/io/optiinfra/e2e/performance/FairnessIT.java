package io.optiinfra.e2e.performance;

import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Analysis;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.Task;
import io.optiinfra.e2e.support.fixtures.Onboarding;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.report.TestReport;
import io.optiinfra.e2e.support.wait.WaitHelper;
import io.restassured.response.Response;
import org.testng.annotations.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * Fairness: a customer flooding the cost agents with long tasks does not starve another customer. The quiet
 * customer's cost analysis must finish within a fraction of one noisy task's duration (the budget is derived from
 * the flood itself, not from this machine's speed), and every noisy task still completes afterwards.
 */
@Test(groups = Groups.PERFORMANCE, dependsOnGroups = Groups.SMOKE, singleThreaded = true)
public class FairnessIT extends SuiteBase {

    @Test(description = "Performance: fairness - a noisy customer's long tasks do not starve a quiet customer")
    public void aNoisyCustomerDoesNotStarveAQuietOne() {
        PerformanceBudgets.Fairness fairness = PerformanceBudgets.load().fairness();
        TestCustomer quiet = newCustomer("Quiet Customer");
        Onboarding.onboardFleet(api(), cloud(), quiet, "aws-small");
        TestCustomer noisy = newCustomer("Noisy Customer");

        TestReport.step("Act: the noisy customer floods the cost agents with " + fairness.noisyTasks() + " tasks of "
                + fairness.noisyMinDurationMs() + " ms");
        List<String> noisyTasks = new ArrayList<>();
        for (int i = 0; i < fairness.noisyTasks(); i++) {
            Response routed = noisy.client().routeAnalysis(noisy.customerId(), "cost",
                    Map.of("min_duration_ms", fairness.noisyMinDurationMs()));
            assertThat(routed.asString(), routed.statusCode(), equalTo(200));
            noisyTasks.add(Api.read(routed, Task.Routed.class).taskId());
        }
        WaitHelper.until("noisy tasks being processed", Duration.ofMillis(fairness.noisyMinDurationMs() / 2),
                () -> processing(noisy), n -> n >= 2);

        TestReport.step("Act and wait: the quiet customer's cost analysis while the flood runs");
        long start = System.nanoTime();
        Response analysis = Onboarding.analyzeAndWait(quiet, "cost",
                Duration.ofMillis(fairness.noisyMinDurationMs() * 2L));
        long quietMillis = (System.nanoTime() - start) / 1_000_000;
        long stillProcessing = processing(noisy);
        TestReport.metric("quiet customer's cost analysis during the flood", quietMillis, "ms");

        TestReport.step("Assert: the quiet analysis finished within its share, while the flood was still running");
        assertThat(Api.read(analysis, Analysis.class).status(), equalTo("completed"));
        assertThat("ms the quiet customer's cost analysis took while " + fairness.noisyTasks()
                + " noisy tasks ran (budget: " + fairness.quietFraction() + " of one noisy task)", quietMillis,
                lessThanOrEqualTo(fairness.quietAnalysisWithinMs()));
        assertThat("noisy tasks still processing when the quiet analysis ended (else the flood was over)",
                stillProcessing, greaterThanOrEqualTo(1L));

        TestReport.step("Wait: the noisy customer is not starved either - every one of its tasks completes");
        for (String task : noisyTasks) {
            WaitHelper.until("noisy task " + task + " completed",
                    Duration.ofMillis((long) fairness.noisyMinDurationMs() * fairness.noisyTasks()), Duration.ofMillis(500),
                    () -> Task.statusOf(noisy.client().task(task)), "completed"::equals);
        }
    }

    private long processing(TestCustomer customer) {
        return (Long) db().postgres("SELECT count(*) AS n FROM tasks WHERE customer_id = ?::uuid AND status = "
                + "'processing'", customer.customerId()).get(0).get("n");
    }
}
