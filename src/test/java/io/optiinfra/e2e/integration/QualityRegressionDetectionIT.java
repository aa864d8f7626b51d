package io.optiinfra.e2e.integration;

import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.QualityTaskResult;
import io.optiinfra.e2e.support.api.Task;
import io.optiinfra.e2e.support.fixtures.OnboardedFleet;
import io.optiinfra.e2e.support.fixtures.Onboarding;
import io.optiinfra.e2e.support.fixtures.RolloutEvidence;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.report.TestReport;
import io.optiinfra.e2e.support.wait.TimeBounds;
import io.optiinfra.e2e.support.wait.WaitHelper;
import io.restassured.response.Response;
import org.testng.annotations.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The Application agent's regression detection (SPEC §6: quality below 95 % of the baseline is a regression): a
 * deployment the simulator degrades is reported against its stored baseline with the quality ClickHouse measured, a
 * healthy one is not, and detection without a baseline names the deployment and never establishes one (that would
 * hide the regression it should find). Oracles: the simulator's own quality figures and the ClickHouse series.
 */
@Test(groups = Groups.INTEGRATION, dependsOnGroups = Groups.SMOKE)
public class QualityRegressionDetectionIT extends SuiteBase {
    /** A fleet with two vLLM deployments: one is degraded, the other stays the control. */
    private static final String FLEET = "aws-large";
    /** The simulator's quality_degradation: the deployment answers 30 % worse. */
    private static final double QUALITY_DROP = 0.30;
    /** The regression gate (SPEC §6) and the margin below it the measured average must reach before detection runs. */
    private static final double GATE = 0.95;
    private static final double CLEARLY_BELOW_GATE = 0.90;
    /** The shortest lookback a task accepts: detection averages this last minute of ClickHouse samples. */
    private static final int LOOKBACK_MINUTES = 1;
    /**
     * How long the one-minute average takes to fall from the baseline to 90 % of it under a 30 % drop: a third of the
     * window must be degraded samples (20 s), plus room for a collector tick skipped on a loaded machine.
     */
    private static final Duration DEGRADED_AVERAGE_BOUND = Duration.ofSeconds(60);
    private static final double EPSILON = 1e-4;

    public void aDegradedDeploymentIsReportedAgainstItsBaselineAndAHealthyOneIsNot() {
        TestCustomer customer = newCustomer("Quality Regression Co");
        OnboardedFleet fleet = Onboarding.onboardFleet(api(), cloud(), customer, FLEET);
        String degraded = fleet.spec().deployments().get(0).id();
        String healthy = fleet.spec().deployments().get(1).id();
        awaitQualitySamples(customer, degraded);
        awaitQualitySamples(customer, healthy);

        TestReport.step("Arrange: the application agent establishes both quality baselines");
        QualityTaskResult established = runTask(customer, "quality_baseline");
        assertThat("baselines_established", established.baselinesEstablished(), notNullValue());
        assertThat(established.baselinesEstablished().stream().map(QualityTaskResult.Established::deploymentId)
                .toList(), containsInAnyOrder(degraded, healthy));
        double baseline = storedBaseline(customer, degraded);
        double healthyBaseline = storedBaseline(customer, healthy);
        assertThat("baseline of " + degraded + " vs the simulator's quality", baseline,
                closeTo(simulatedQuality(customer, degraded), EPSILON));
        assertThat("baseline of " + healthy + " vs the simulator's quality", healthyBaseline,
                closeTo(simulatedQuality(customer, healthy), EPSILON));

        TestReport.step("Act: " + degraded + " starts answering " + (int) (QUALITY_DROP * 100) + " % worse");
        cloud().injectFault(customer.customerId(), "quality_degradation", degraded, QUALITY_DROP);
        double degradedQuality = simulatedQuality(customer, degraded);
        assertThat("precondition: the simulator degraded " + degraded, degradedQuality,
                closeTo(baseline * (1 - QUALITY_DROP), EPSILON));

        TestReport.step("Wait: the measured one-minute quality average is clearly below the gate (ClickHouse)");
        double averageBefore = WaitHelper.until("one-minute quality average of " + degraded + " below "
                        + CLEARLY_BELOW_GATE + " × baseline " + baseline, DEGRADED_AVERAGE_BOUND, Duration.ofMillis(500),
                () -> lastMinuteAverage(customer, degraded), avg -> avg < CLEARLY_BELOW_GATE * baseline);

        TestReport.step("Act: regression detection");
        QualityTaskResult detection = runTask(customer, "regression_detection");
        double averageAfter = lastMinuteAverage(customer, degraded);

        TestReport.step("Assert: exactly the degraded deployment regressed, against its stored baseline");
        List<QualityTaskResult.Regression> regressions = detection.regressions();
        TestReport.info("regressions: " + regressions);
        assertThat("regressions (healthy " + healthy + " must not be one)", regressions, hasSize(1));
        QualityTaskResult.Regression regression = regressions.get(0);
        assertThat(regression.deploymentId(), equalTo(degraded));
        assertThat("reported baseline", number(regression.baseline(), "baseline"), closeTo(baseline, EPSILON));
        double current = number(regression.current(), "current");
        // the one-minute average only falls while the fault lasts: the agent's figure lies between our two readings
        assertThat("reported current quality vs ClickHouse's one-minute average around the task (" + averageAfter
                + " .. " + averageBefore + ") and the simulator's degraded quality " + degradedQuality, current,
                allOf(greaterThanOrEqualTo(degradedQuality - EPSILON), lessThanOrEqualTo(averageBefore + EPSILON),
                        lessThan(GATE * baseline)));
        assertThat("drop_pct", number(regression.dropPct(), "drop_pct"), closeTo((baseline - current) / baseline * 100, 0.01));
        assertThat("deployments without a baseline", detection.deploymentsWithoutBaseline(), empty());
        assertThat("detection moved no baseline", storedBaseline(customer, degraded), closeTo(baseline, EPSILON));
    }

    public void detectionWithoutBaselinesNamesEveryDeploymentAndEstablishesNone() {
        TestCustomer customer = newCustomer("No Baseline Co");
        OnboardedFleet fleet = Onboarding.onboardFleet(api(), cloud(), customer, FLEET);
        List<String> deployments = fleet.spec().deployments().stream().map(d -> d.id()).toList();

        TestReport.step("Act: regression detection before any baseline exists");
        QualityTaskResult detection = runTask(customer, "regression_detection");

        TestReport.step("Assert: every deployment named as without a baseline, nothing reported, nothing stored");
        assertThat("deployments detection found without a baseline",
                detection.deploymentsWithoutBaseline(), containsInAnyOrder(deployments.toArray(String[]::new)));
        assertThat("regressions without any baseline", detection.regressions(), empty());
        assertThat("baselines a detection established (it must never move or create one)",
                detection.baselinesEstablished(), empty());
        assertThat("quality_baselines rows of a customer only ever asked to detect", db().postgres(
                "SELECT deployment_id FROM quality_baselines WHERE customer_id = ?::uuid", customer.customerId()),
                empty());
    }

    private QualityTaskResult runTask(TestCustomer customer, String analysisType) {
        Response routed = customer.client().routeAnalysis(customer.customerId(), analysisType,
                Map.of("lookback_minutes", LOOKBACK_MINUTES));
        assertThat(routed.asString(), routed.statusCode(), equalTo(200));
        String taskId = Api.read(routed, Task.Routed.class).taskId();
        Response done = WaitHelper.until("task " + taskId + " (" + analysisType + ") completed",
                TimeBounds.WAIT_FOR_A_FREE_WORKER, () -> customer.client().task(taskId),
                r -> r.statusCode() == 200 && "completed".equals(Api.read(r, Task.class).status()));
        return Api.read(done, Task.class).result(QualityTaskResult.class);
    }

    private void awaitQualitySamples(TestCustomer customer, String deploymentId) {
        WaitHelper.until("quality samples of " + deploymentId + " in ClickHouse", TimeBounds.WAIT_FOR_A_FREE_WORKER,
                Duration.ofMillis(250), () -> lastMinuteAverage(customer, deploymentId), avg -> !Double.isNaN(avg));
    }

    /** The average detection computes: quality_score samples of the last {@link #LOOKBACK_MINUTES}; NaN when none. */
    private double lastMinuteAverage(TestCustomer customer, String deploymentId) {
        Instant now = Instant.now();
        return RolloutEvidence.samples(db(), customer, "quality_score", deploymentId,
                now.minus(Duration.ofMinutes(LOOKBACK_MINUTES)), now).stream()
                .mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private double simulatedQuality(TestCustomer customer, String deploymentId) {
        return cloud().deploymentMetrics(customer.customerId(), deploymentId).path("overall").path("quality_score")
                .asDouble();
    }

    private double storedBaseline(TestCustomer customer, String deploymentId) {
        return RolloutEvidence.qualityBaseline(db(), customer, deploymentId);
    }

    /** A figure the agent must report: null (omitted) fails naming it. */
    private static double number(Double value, String key) {
        if (value == null) {
            throw new AssertionError("the regression omits " + key);
        }
        return value;
    }
}
