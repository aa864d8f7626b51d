package io.optiinfra.e2e.integration;

import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.MetricPoint;
import io.optiinfra.e2e.support.fixtures.OnboardedFleet;
import io.optiinfra.e2e.support.fixtures.Onboarding;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.report.TestReport;
import io.optiinfra.e2e.support.wait.WaitHelper;
import org.testng.annotations.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/** The collector's telemetry lands in ClickHouse for every metric type, at the configured cadence, with model values. */
@Test(groups = Groups.INTEGRATION, dependsOnGroups = Groups.SMOKE)
public class TelemetryIT extends SuiteBase {
    private static final List<String> METRIC_TYPES = List.of("monthly_cost", "hourly_cost", "latency_p95_ms",
            "latency_p99_ms", "throughput_rps", "error_rate", "quality_score", "gpu_utilization");

    public void telemetryArrivesForEveryMetricTypeAtTheConfiguredCadence() {
        TestCustomer customer = newCustomer("Telemetry Co");
        OnboardedFleet fleet = Onboarding.onboardFleet(api(), cloud(), customer, "aws-medium");
        String deployment = fleet.fleet().get("deployments").get(0).get("id").asText();
        long interval = env().telemetryInterval().toMillis();

        TestReport.step("Wait: at least 6 ticks of telemetry");
        List<Map<String, Object>> ticks = WaitHelper.until("6 telemetry ticks in ClickHouse", Duration.ofMillis(interval * 20),
                () -> db().clickhouse("SELECT ts_ms, value FROM metrics WHERE customer_id = ? AND metric_type = "
                        + "'latency_p95_ms' AND resource_id = ? ORDER BY ts_ms", customer.customerId(), deployment),
                rows -> rows.size() >= 6);

        TestReport.step("Assert: cadence, coverage, values from the workload model");
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < ticks.size(); i++) {
            gaps.add(((Number) ticks.get(i).get("ts_ms")).longValue() - ((Number) ticks.get(i - 1).get("ts_ms")).longValue());
        }
        long median = gaps.stream().sorted().toList().get(gaps.size() / 2);
        TestReport.metric("median telemetry gap", median, "ms");
        // fixed-rate ticks; the upper bound leaves room for a loaded 2-core machine running the whole suite
        assertThat("median gap vs configured " + interval + " ms", (double) median,
                both(greaterThanOrEqualTo(interval * 0.8)).and(lessThanOrEqualTo(interval * 2.0)));
        for (String type : METRIC_TYPES) {
            Number count = (Number) db().clickhouse("SELECT count() AS n FROM metrics WHERE customer_id = ? AND "
                    + "metric_type = ? AND resource_id = ?", customer.customerId(), type, deployment).get(0).get("n");
            assertThat(type + " samples", count.intValue(), greaterThanOrEqualTo(1));
        }
        double modelP95 = cloud().deploymentMetrics(customer.customerId(), deployment).get("overall")
                .get("latency_p95_ms").asDouble();
        double storedP95 = ((Number) ticks.get(ticks.size() - 1).get("value")).doubleValue();
        assertThat("stored p95 = the model's p95 (the fleet did not change)", storedP95, closeTo(modelP95, 0.01));
        double accountMonthly = ((Number) db().clickhouse("SELECT argMax(value, ts_ms) AS v FROM metrics WHERE "
                + "customer_id = ? AND metric_type = 'monthly_cost' AND resource_id = 'account'", customer.customerId())
                .get(0).get("v")).doubleValue();
        assertThat(accountMonthly, closeTo(cloud().summary(customer.customerId()).get("monthly_cost").asDouble(), 0.01));
        // a window around now, inside the API's 31-day cap
        io.restassured.response.Response series = customer.client().metrics(customer.customerId(), "latency_p95_ms",
                java.time.Instant.now().minusSeconds(3600).toString(), java.time.Instant.now().plusSeconds(3600).toString());
        assertThat(series.asString(), series.statusCode(), equalTo(200));
        assertThat("metrics API samples vs the ClickHouse ticks read before", Api.list(series, MetricPoint.class).size(),
                greaterThanOrEqualTo(ticks.size()));
    }
}
