package io.optiinfra.e2e.performance;

import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.fixtures.Onboarding;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.perf.Charts;
import io.optiinfra.e2e.support.perf.LatencyFigures;
import io.optiinfra.e2e.support.perf.MachineReference;
import io.optiinfra.e2e.support.perf.OpenModelLoad;
import io.optiinfra.e2e.support.perf.PerformanceResults;
import io.optiinfra.e2e.support.report.TestReport;
import io.optiinfra.e2e.support.wait.WaitHelper;
import org.testng.annotations.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * API latency under an open-model load on loopback (requests start on schedule whatever the answers do) at each
 * rate of testdata/performance.json, recorded with HdrHistogram: p50/p95/p99/max and errors per route, a
 * throughput–latency chart and the latency distribution at the highest rate in the report, the figures in
 * target/performance/results.json compared with the previous run's.
 */
@Test(groups = Groups.PERFORMANCE, dependsOnGroups = Groups.SMOKE, singleThreaded = true)
public class ApiLatencyIT extends SuiteBase {
    private static final int MIN_COMPARED_SAMPLES = 100;

    @Test(description = "Performance: read routes' latency at 25-200 requests/s, p95 within budget at the top rate")
    public void readRoutesStayWithinTheirLatencyBudgetUpToTheTopRate() {
        PerformanceBudgets budgets = PerformanceBudgets.load();
        PerformanceBudgets.ApiLatency latency = budgets.apiLatency();

        TestReport.step("Arrange: a customer with a discovered fleet and its recommendations, so reads carry real data");
        TestCustomer customer = newCustomer("Latency Probe");
        Onboarding.onboardFleet(api(), cloud(), customer, "aws-small");
        Onboarding.analyzeAndWait(customer, null, Duration.ofSeconds(30));
        // the analysis's follow-up work (validations) would otherwise share the CPU with the measured reads
        WaitHelper.until("no task queued or processing anywhere on the platform", Duration.ofSeconds(60),
                Duration.ofMillis(250), () -> db().postgres("SELECT count(*) AS n FROM tasks WHERE status IN "
                        + "('queued', 'processing')").get(0).get("n"), n -> ((Number) n).longValue() == 0);
        List<OpenModelLoad.Route> reads = readRoutes(customer);
        OpenModelLoad load = new OpenModelLoad();
        load.run("warm-up", reads, latency.warmupRate(), Duration.ofSeconds(latency.warmupSeconds()));
        double machine = MachineReference.measure(env().orchestratorUrl());
        TestReport.metric("machine reference (GET /health median)", machine, "ms");

        TestReport.step("Act: an open-model load of the read routes at each rate");
        List<OpenModelLoad.Step> steps = new ArrayList<>();
        for (int rate : latency.readRates()) {
            OpenModelLoad.Step step = load.run("reads", reads, rate, Duration.ofSeconds(latency.stepSeconds()));
            steps.add(step);
            step.routes().forEach(figure -> TestReport.info(figure.toString()));
            TestReport.info(step.all().toString());
        }

        TestReport.step("Report: throughput-latency curve, distribution at the top rate, comparison with the last run");
        OpenModelLoad.Step top = steps.get(steps.size() - 1);
        TestReport.image("Reads: latency against throughput", Charts.throughputLatency("Read routes (open model)",
                steps.stream().map(OpenModelLoad.Step::all).toList(), latency.stepSeconds()));
        TestReport.image("Reads: latency distribution at " + top.rate() + " requests/s",
                Charts.latencyHistogram("Reads at " + top.rate() + " requests/s", top.allMicros()));
        List<String> regressions = PerformanceResults.record("api_latency_reads", figures(steps), compared(steps),
                machine, budgets.regression().maxIncrease(), budgets.regression().noiseFloorMs());

        TestReport.step("Assert: no errors, p95 within budget at " + latency.readP95BudgetAtRate() + "/s, no regression");
        for (OpenModelLoad.Step step : steps) {
            assertThat("failed or non-200 reads at " + step.rate() + "/s: " + step.routes(), step.all().errors(),
                    equalTo(0L));
        }
        OpenModelLoad.Step budgeted = steps.stream().filter(s -> s.rate() == latency.readP95BudgetAtRate()).findFirst()
                .orElseThrow(() -> new AssertionError("testdata names no read rate " + latency.readP95BudgetAtRate()));
        assertThat("reads p95 (ms) at " + budgeted.rate() + "/s: " + budgeted.routes(), budgeted.all().p95(),
                lessThanOrEqualTo(latency.readP95BudgetMs()));
        assertThat("figures more than " + Math.round(budgets.regression().maxIncrease() * 100)
                + " % worse than the previous run (" + PerformanceResults.file() + ")", regressions, empty());
    }

    @Test(description = "Performance: login latency at 25 and 50 requests/s (BCrypt-bound), figures recorded")
    public void loginLatencyIsMeasuredAtEachRate() {
        PerformanceBudgets budgets = PerformanceBudgets.load();
        PerformanceBudgets.ApiLatency latency = budgets.apiLatency();
        TestCustomer customer = newCustomer("Login Probe");
        String body = "{\"username\":\"" + customer.email() + "\",\"password\":\"" + customer.password() + "\"}";
        List<OpenModelLoad.Route> login = List.of(new OpenModelLoad.Route("POST /auth/login",
                () -> HttpRequest.newBuilder(URI.create(env().orchestratorUrl() + "/auth/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), 200));

        double machine = MachineReference.measure(env().orchestratorUrl());
        TestReport.metric("machine reference (GET /health median)", machine, "ms");

        TestReport.step("Act: an open-model load of logins at each rate");
        List<OpenModelLoad.Step> steps = new ArrayList<>();
        for (int rate : latency.loginRates()) {
            OpenModelLoad.Step step = new OpenModelLoad().run("login", login, rate,
                    Duration.ofSeconds(latency.loginStepSeconds()));
            steps.add(step);
            TestReport.info(step.all().toString());
        }
        TestReport.image("Login: latency against throughput", Charts.throughputLatency("POST /auth/login (open model)",
                steps.stream().map(OpenModelLoad.Step::all).toList(), latency.loginStepSeconds()));
        List<String> regressions = PerformanceResults.record("api_latency_login", figures(steps), compared(steps),
                machine, budgets.regression().maxIncrease(), budgets.regression().noiseFloorMs());

        TestReport.step("Assert: every login answered 200, no regression against the previous run");
        for (OpenModelLoad.Step step : steps) {
            assertThat("failed or non-200 logins at " + step.rate() + "/s", step.all().errors(), equalTo(0L));
        }
        assertThat("login figures worse than the previous run", regressions, empty());
    }

    private List<OpenModelLoad.Route> readRoutes(TestCustomer customer) {
        String id = customer.customerId();
        List<OpenModelLoad.Route> routes = new ArrayList<>();
        for (String path : List.of("/customers/" + id, "/customers/" + id + "/infrastructure",
                "/customers/" + id + "/recommendations", "/portal/customers/" + id + "/dashboard", "/orchestrator/agents")) {
            String name = "GET " + path.replace(id, "{id}");
            routes.add(new OpenModelLoad.Route(name, () -> HttpRequest.newBuilder(URI.create(env().orchestratorUrl() + path))
                    .header("Authorization", "Bearer " + customer.accessToken()).GET().build(), 200));
        }
        return routes;
    }

    /**
     * The figures compared with the previous run: p95s resting on at least {@link #MIN_COMPARED_SAMPLES} requests
     * (a p95 of 20 requests is their second-slowest; p99s and maxima are shown, never compared).
     */
    private static java.util.Set<String> compared(List<OpenModelLoad.Step> steps) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (OpenModelLoad.Step step : steps) {
            List<LatencyFigures> all = new ArrayList<>(step.routes());
            all.add(step.all());
            all.stream().filter(f -> f.requests() >= MIN_COMPARED_SAMPLES).forEach(f -> keys.add(f.key() + " p95 ms"));
        }
        return keys;
    }

    /** p95 and p99 of every route and of the mix at every rate, as the figures of this run. */
    private static Map<String, Double> figures(List<OpenModelLoad.Step> steps) {
        Map<String, Double> figures = new LinkedHashMap<>();
        for (OpenModelLoad.Step step : steps) {
            List<LatencyFigures> all = new ArrayList<>(step.routes());
            all.add(step.all());
            for (LatencyFigures figure : all) {
                figures.put(figure.key() + " p95 ms", figure.p95());
                figures.put(figure.key() + " p99 ms", figure.p99());
            }
        }
        return figures;
    }
}
