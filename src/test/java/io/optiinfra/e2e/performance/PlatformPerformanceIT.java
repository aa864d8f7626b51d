package io.optiinfra.e2e.performance;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.ApiTest;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.data.TestData;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.report.TestReport;
import io.optiinfra.e2e.support.wait.WaitHelper;
import io.restassured.response.Response;
import org.testng.annotations.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

/** Concurrent analyses and API latency, with the figures in the report. */
@Test(groups = Groups.PERFORMANCE, dependsOnGroups = Groups.SMOKE, singleThreaded = true)
public class PlatformPerformanceIT extends ApiTest {

    public void concurrentAnalysesAllCompleteWithinBudget() {
        JsonNode budget = TestData.readTree("performance.json");
        int count = budget.get("concurrent_analyses").asInt();
        TestCustomer customer = newCustomer("Concurrent Analyses");

        TestReport.step("Act: " + count + " analyses at once");
        long start = System.nanoTime();
        List<String> analyses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Response started = customer.client().analyze(customer.customerId(), null);
            assertThat(started.statusCode(), equalTo(202));
            analyses.add(started.jsonPath().getString("analysis_id"));
        }

        TestReport.step("Wait: every analysis finished");
        for (String analysis : analyses) {
            Response done = WaitHelper.until("analysis " + analysis + " completed",
                    Duration.ofMillis(budget.get("analyses_complete_within_ms").asLong()),
                    () -> customer.client().analysis(customer.customerId(), analysis),
                    r -> !"started".equals(r.jsonPath().getString("status")));
            assertThat(done.jsonPath().getString("status"), equalTo("completed"));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        TestReport.metric("concurrent analyses", count, "");
        TestReport.metric("all " + count * 4 + " agent tasks finished in", millis, "ms");
        assertThat(db().postgres("SELECT count(*) AS n FROM tasks t JOIN analyses a ON a.id = t.analysis_id "
                + "WHERE a.customer_id = ?::uuid AND t.status = 'completed'", customer.customerId()).get(0).get("n"),
                equalTo((long) count * 4));
    }

    public void customerApiLatencyStaysWithinBudgetUnderConcurrency() throws Exception {
        JsonNode budget = TestData.readTree("performance.json");
        int calls = budget.get("api_calls").asInt();
        TestCustomer customer = newCustomer("Latency Probe");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            // a plain java.net.http client: the figure is the API's latency, not the test client's overhead, and
            // per-call report lines for hundreds of calls would drown the report
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 20; i++) {
                timedGet(http, customer, "/customers/" + customer.customerId()); // warm-up
            }
            TestReport.step("Act: " + calls + " reads from 8 concurrent clients");
            List<CompletableFuture<Long>> timings = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                String path = "/customers/" + customer.customerId() + (i % 2 == 0 ? "" : "/infrastructure");
                timings.add(CompletableFuture.supplyAsync(() -> timedGet(http, customer, path), pool));
            }
            List<Long> sorted = new ArrayList<>();
            for (CompletableFuture<Long> timing : timings) {
                sorted.add(timing.get());
            }
            sorted.sort(Long::compare);

            TestReport.step("Assert: p95 within budget");
            double p50 = sorted.get(sorted.size() / 2) / 1000.0;
            double p95 = sorted.get((int) (sorted.size() * 0.95)) / 1000.0;
            double p99 = sorted.get((int) (sorted.size() * 0.99)) / 1000.0;
            TestReport.metric("API p50", p50, "ms");
            TestReport.metric("API p95", p95, "ms");
            TestReport.metric("API p99", p99, "ms");
            assertThat(p95, lessThan(budget.get("api_p95_budget_ms").asDouble()));
        } finally {
            pool.shutdownNow();
        }
    }

    /** One authenticated GET; returns its duration in microseconds, failing on anything but 200. */
    private long timedGet(HttpClient http, TestCustomer customer, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(env().orchestratorUrl() + path))
                .header("Authorization", "Bearer " + customer.accessToken()).GET().build();
        long t0 = System.nanoTime();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                throw new AssertionError(path + " answered " + status);
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return (System.nanoTime() - t0) / 1000;
    }
}
