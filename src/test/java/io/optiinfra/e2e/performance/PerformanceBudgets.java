package io.optiinfra.e2e.performance;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.optiinfra.e2e.support.data.TestData;

import java.util.List;

/** testdata/performance.json: the performance group's budgets, typed. */
@JsonIgnoreProperties(value = "_comment")
record PerformanceBudgets(@JsonProperty("load_at_scale") LoadAtScale loadAtScale,
                          @JsonProperty("api_latency") ApiLatency apiLatency,
                          Fairness fairness, Regression regression) {

    record LoadAtScale(int customers, String fleet, @JsonProperty("agent_types") List<String> agentTypes,
                       @JsonProperty("setup_threads") int setupThreads,
                       @JsonProperty("accepted_within_ms") long acceptedWithinMs,
                       @JsonProperty("recommendations_stored_within_ms") long recommendationsStoredWithinMs) {}

    record ApiLatency(@JsonProperty("read_rates_per_second") List<Integer> readRates,
                      @JsonProperty("login_rates_per_second") List<Integer> loginRates,
                      @JsonProperty("login_step_seconds") int loginStepSeconds,
                      @JsonProperty("step_seconds") int stepSeconds,
                      @JsonProperty("warmup_rate_per_second") int warmupRate,
                      @JsonProperty("warmup_seconds") int warmupSeconds,
                      @JsonProperty("read_p95_budget_ms") double readP95BudgetMs,
                      @JsonProperty("read_p95_budget_at_rate") int readP95BudgetAtRate) {}

    @JsonIgnoreProperties(value = "_comment")
    record Fairness(@JsonProperty("noisy_tasks") int noisyTasks,
                    @JsonProperty("noisy_min_duration_ms") int noisyMinDurationMs,
                    @JsonProperty("quiet_analysis_fraction_of_noisy_task") double quietFraction) {
        long quietAnalysisWithinMs() {
            return Math.round(noisyMinDurationMs * quietFraction);
        }
    }

    record Regression(@JsonProperty("max_increase") double maxIncrease,
                      @JsonProperty("noise_floor_ms") double noiseFloorMs,
                      @JsonProperty("load_noise_floor_ms") double loadNoiseFloorMs) {}

    static PerformanceBudgets load() {
        return TestData.read("performance.json", PerformanceBudgets.class);
    }
}
