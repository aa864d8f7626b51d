package io.optiinfra.e2e.performance;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.cloud.CloudSimulatorClient;
import io.optiinfra.e2e.support.fixtures.OnboardedFleet;
import io.optiinfra.e2e.support.fixtures.Onboarding;
import io.optiinfra.e2e.support.perf.MachineReference;
import io.optiinfra.e2e.support.perf.PerformanceResults;
import io.optiinfra.e2e.support.report.TestReport;
import io.optiinfra.e2e.support.wait.WaitHelper;
import org.testng.annotations.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * Load at scale: many customers with discovered fleets start one analysis per agent type all at once. Every start is
 * accepted within its budget, and every customer's recommendations — the types its fleet's expectations in testdata
 * name, not whatever the platform happened to produce — are stored within theirs.
 */
@Test(groups = Groups.PERFORMANCE, dependsOnGroups = Groups.SMOKE, singleThreaded = true)
public class LoadAtScaleIT extends SuiteBase {

    @Test(description = "Performance: 200 analyses across 50 customers started at once, accepted and stored in budget")
    public void analysesAcrossManyCustomersAreAcceptedAndStoredWithinBudget() throws Exception {
        PerformanceBudgets budgets = PerformanceBudgets.load();
        PerformanceBudgets.LoadAtScale scale = budgets.loadAtScale();
        JsonNode fleet = CloudSimulatorClient.fleetFile(scale.fleet());
        Set<String> expectedTypes = new HashSet<>();
        fleet.path("expectations").path("recommendation_types").forEach(t -> expectedTypes.add(t.asText()));
        assertThat("fleet " + scale.fleet() + " names the recommendation types it must get", expectedTypes.isEmpty(),
                equalTo(false));

        TestReport.step("Arrange: " + scale.customers() + " customers, each with a discovered " + scale.fleet() + " fleet");
        long arrangeStart = System.nanoTime();
        List<OnboardedFleet> customers = onboardAll(scale);
        TestReport.metric("customers onboarded in", (System.nanoTime() - arrangeStart) / 1e6, "ms");

        double machine = MachineReference.measure(env().orchestratorUrl());
        TestReport.metric("machine reference (GET /health median)", machine, "ms");
        TestReport.step("Act: " + customers.size() * scale.agentTypes().size() + " analyses started at once");
        // the JDK's async client fires every start at once: the figure is the platform's, not a client thread pool's
        List<HttpRequest> starts = new ArrayList<>();
        for (OnboardedFleet customer : customers) {
            for (String agentType : scale.agentTypes()) {
                starts.add(HttpRequest.newBuilder(URI.create(env().orchestratorUrl() + "/customers/"
                                + customer.customerId() + "/analyze"))
                        .header("Authorization", "Bearer " + customer.customer().accessToken())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"agent_type\":\"" + agentType + "\"}")).build());
            }
        }
        HttpClient http = HttpClient.newHttpClient();
        long actStart = System.nanoTime();
        List<HttpResponse<String>> answers = starts.stream()
                .map(start -> http.sendAsync(start, HttpResponse.BodyHandlers.ofString())).toList().stream()
                .map(java.util.concurrent.CompletableFuture::join).toList();
        long acceptedMillis = (System.nanoTime() - actStart) / 1_000_000;
        Map<Integer, Long> statuses = answers.stream().collect(Collectors.groupingBy(HttpResponse::statusCode,
                TreeMap::new, Collectors.counting()));
        TestReport.metric("analyses accepted in", acceptedMillis, "ms");
        assertThat("answers to the analysis starts by status", statuses, equalTo(Map.of(202, (long) starts.size())));
        assertThat("ms until every analysis was accepted", acceptedMillis, lessThanOrEqualTo(scale.acceptedWithinMs()));

        TestReport.step("Wait: every analysis task completed and every customer's expected recommendations stored");
        String ids = customers.stream().map(OnboardedFleet::customerId).collect(Collectors.joining(","));
        Duration storedBudget = Duration.ofMillis(scale.recommendationsStoredWithinMs());
        Missing missing = WaitHelper.until("every analysis task completed, expected recommendation types stored",
                storedBudget.minusNanos(System.nanoTime() - actStart).plusMillis(1), Duration.ofMillis(250),
                () -> missingTypes(ids, customers, expectedTypes),
                m -> m.byCustomer().isEmpty() && m.unfinishedTasks() == 0);
        long storedMillis = (System.nanoTime() - actStart) / 1_000_000;
        TestReport.metric("all expected recommendations stored in", storedMillis, "ms");

        TestReport.step("Assert: stored within budget, every task completed, no regression");
        assertThat("customers still missing a recommendation type", missing.byCustomer(), anEmptyMap());
        List<Map<String, Object>> tasks = db().postgres("SELECT t.status, count(*) AS n FROM tasks t JOIN analyses a ON "
                + "a.id = t.analysis_id WHERE a.customer_id::text = ANY(string_to_array(?, ',')) GROUP BY t.status", ids);
        assertThat("analysis tasks by status", tasks, everyItem(org.hamcrest.Matchers.hasEntry("status", "completed")));
        assertThat("analysis tasks", tasks, hasSize(1));
        assertThat("completed analysis tasks", tasks.get(0).get("n"), equalTo((long) starts.size()));
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("accepted ms", (double) acceptedMillis);
        figures.put("stored ms", (double) storedMillis);
        assertThat("figures worse than the previous run", PerformanceResults.record("load_at_scale", figures,
                figures.keySet(), machine, budgets.regression().maxIncrease(), budgets.regression().loadNoiseFloorMs()),
                empty());
    }

    private List<OnboardedFleet> onboardAll(PerformanceBudgets.LoadAtScale scale) throws Exception {
        List<Callable<OnboardedFleet>> onboardings = new ArrayList<>();
        for (int i = 0; i < scale.customers(); i++) {
            String company = "Scale Customer " + i;
            onboardings.add(() -> Onboarding.onboardFleet(api(), cloud(), newCustomer(company), scale.fleet()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(scale.setupThreads());
        try {
            List<OnboardedFleet> fleets = new ArrayList<>();
            for (Future<OnboardedFleet> future : pool.invokeAll(onboardings)) {
                fleets.add(future.get());
            }
            return fleets;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Per customer, the expected recommendation types not yet stored; shown as a count and a few examples. */
    record Missing(Map<String, Set<String>> byCustomer, int customers, long unfinishedTasks) {
        @Override
        public String toString() {
            return unfinishedTasks + " analysis task(s) not completed; " + byCustomer.size() + " of " + customers
                    + " customers lack expected types, e.g. "
                    + byCustomer.entrySet().stream().limit(3).map(String::valueOf).collect(Collectors.joining("; "));
        }
    }

    private Missing missingTypes(String ids, List<OnboardedFleet> customers, Set<String> expected) {
        Map<String, Set<String>> stored = new LinkedHashMap<>();
        for (Map<String, Object> row : db().postgres("SELECT customer_id::text AS customer_id, type FROM recommendations "
                + "WHERE customer_id::text = ANY(string_to_array(?, ',')) GROUP BY customer_id, type", ids)) {
            stored.computeIfAbsent((String) row.get("customer_id"), k -> new HashSet<>()).add((String) row.get("type"));
        }
        Map<String, Set<String>> missing = new TreeMap<>();
        for (OnboardedFleet customer : customers) {
            Set<String> lacking = new HashSet<>(expected);
            lacking.removeAll(stored.getOrDefault(customer.customerId(), Set.of()));
            if (!lacking.isEmpty()) {
                missing.put(customer.customerId(), lacking);
            }
        }
        long unfinished = (Long) db().postgres("SELECT count(*) AS n FROM tasks t JOIN analyses a ON a.id = "
                + "t.analysis_id WHERE a.customer_id::text = ANY(string_to_array(?, ',')) AND t.status <> 'completed'", ids)
                .get(0).get("n");
        return new Missing(missing, customers.size(), unfinished);
    }
}
