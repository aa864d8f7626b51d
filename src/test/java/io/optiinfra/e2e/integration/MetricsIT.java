package io.optiinfra.e2e.integration;

import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.ApiError;
import io.optiinfra.e2e.support.api.MetricPoint;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.report.TestReport;
import io.restassured.response.Response;
import org.testng.annotations.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;

/** Metric ingestion into ClickHouse and read-back through the API. */
@Test(groups = {Groups.INTEGRATION, Groups.FAST}, dependsOnGroups = Groups.SMOKE)
public class MetricsIT extends SuiteBase {

    public void ingestedMetricsComeBackOldestFirstAndMatchClickHouse() {
        TestReport.step("Arrange: five samples sent out of order");
        TestCustomer customer = newCustomer("Metrics Round Trip");
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
        double[] values = {101.5, 99.25, 97.0, 120.75, 88.125};
        int[] order = {3, 0, 4, 1, 2};
        List<MetricPoint> batch = new ArrayList<>();
        for (int i : order) {
            batch.add(new MetricPoint(customer.customerId(), "latency_p95_ms", "deployment-a", values[i],
                    base.plusSeconds(60L * i).plusMillis(i).toString()));
        }

        TestReport.step("Act");
        Response ingest = service().post("/internal/metrics", batch);
        assertThat(ingest.statusCode(), equalTo(202));
        assertThat(Api.body(ingest, MetricPoint.Ingested.class).inserted(), equalTo(5));
        Response read = customer.client().metrics(customer.customerId(), "latency_p95_ms",
                base.minusSeconds(1).toString(), base.plusSeconds(3600).toString());

        TestReport.step("Assert: time order and values");
        assertThat(read.statusCode(), equalTo(200));
        List<MetricPoint> points = Api.list(read, MetricPoint.class);
        List<Double> returned = points.stream().map(MetricPoint::value).toList();
        assertThat(returned, contains(101.5, 99.25, 97.0, 120.75, 88.125));
        List<String> stamps = points.stream().map(MetricPoint::timestamp).toList();
        for (int i = 1; i < stamps.size(); i++) {
            assertThat("timestamp " + i + " after " + (i - 1), Instant.parse(stamps.get(i)),
                    greaterThan(Instant.parse(stamps.get(i - 1))));
        }

        TestReport.step("Prove in stores: the same values in ClickHouse");
        List<Map<String, Object>> rows = db().clickhouse("SELECT ts_ms, value FROM metrics WHERE customer_id = ? "
                + "AND metric_type = 'latency_p95_ms' ORDER BY ts_ms", customer.customerId());
        assertThat(rows, hasSize(5));
        for (int i = 0; i < 5; i++) {
            assertThat(((Number) rows.get(i).get("value")).doubleValue(), closeTo(values[i], 1e-9));
            assertThat(((Number) rows.get(i).get("ts_ms")).longValue(), equalTo(base.plusSeconds(60L * i).plusMillis(i).toEpochMilli()));
        }
    }

    public void metricsQueryRejectsBadParametersWith400() {
        TestCustomer customer = newCustomer("Bad Metric Queries");
        String id = customer.customerId();

        for (Response response : List.of(
                customer.client().metrics(id, "not_a_metric", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"),
                customer.client().metrics(id, "hourly_cost", "yesterday", "2026-01-02T00:00:00Z"),
                customer.client().metrics(id, "hourly_cost", "2026-01-03T00:00:00Z", "2026-01-02T00:00:00Z"),
                customer.client().metrics(id, "hourly_cost' OR '1'='1", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"))) {
            assertThat(response.asString(), response.statusCode(), equalTo(400));
            assertThat(Api.body(response, ApiError.class).error(), equalTo("bad_request"));
        }
    }

    public void invalidBatchIsRejectedWholeAndStoresNothing() {
        TestCustomer customer = newCustomer("All Or Nothing Metrics");
        String now = Instant.now().toString();
        // a raw batch on purpose: its second sample is a string where a number belongs (no record can hold it)
        List<Map<String, ?>> batch = List.of(
                Map.of("customer_id", customer.customerId(), "metric_type", "hourly_cost", "resource_id", "r1",
                        "value", 1.0, "timestamp", now),
                Map.of("customer_id", customer.customerId(), "metric_type", "hourly_cost", "resource_id", "r2",
                        "value", "not-a-number", "timestamp", now));

        Response response = service().post("/internal/metrics", batch);

        assertThat(response.statusCode(), equalTo(400));
        assertThat(db().clickhouse("SELECT count() AS n FROM metrics WHERE customer_id = ?", customer.customerId())
                .get(0).get("n").toString(), equalTo("0"));
    }

    public void ingestionNeedsTheServiceToken() {
        TestCustomer customer = newCustomer("Token Needed For Ingest");
        List<MetricPoint> batch = List.of(new MetricPoint(customer.customerId(), "hourly_cost", "r1", 1.0,
                Instant.now().toString()));

        assertThat(api().post("/internal/metrics", batch).statusCode(), equalTo(401));
        assertThat("a customer's JWT is not a service token",
                customer.client().post("/internal/metrics", batch).statusCode(), equalTo(401));
        assertThat(api().withServiceToken("forged-token").post("/internal/metrics", batch).statusCode(), equalTo(401));
    }
}
