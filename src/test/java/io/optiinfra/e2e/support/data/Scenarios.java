package io.optiinfra.e2e.support.data;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The files of {@code testdata/scenarios/}, one record each (SPEC §7), read strictly: an unknown or misspelt
 * property is an error, so an expectation can never be silently ignored.
 */
public final class Scenarios {
    public static final String DIR = "scenarios";

    private Scenarios() {}

    /** {@code scenarios/<file>} as {@code type}. */
    public static <T> T read(String file, Class<T> type) {
        return TestData.read(DIR + "/" + file, type);
    }

    /** Which record type each scenario file is read into; a file without one fails {@code TestDataFilesTest}. */
    public static final Map<String, Class<?>> FILES = Map.of(
            "spot-migration.json", SpotMigration.class,
            "rollback.json", Rollback.class,
            "journey.json", Journey.class,
            "cross-cloud.json", CrossCloud.class,
            "performance.json", Performance.class,
            "quality.json", Quality.class,
            "coordination.json", Coordination.class,
            "conflicts.json", Conflicts.class);

    /** Scenario 1, run over every fleet with an interruption-tolerant deployment. */
    public record SpotMigration(
            @JsonProperty("_comment") String comment,
            @JsonProperty("recommendation_type") String recommendationType,
            @JsonProperty("min_savings_usd_month") double minSavingsUsdMonth,
            @JsonProperty("allowed_risk_levels") List<String> allowedRiskLevels,
            @JsonProperty("min_cost_reduction_pct") double minCostReductionPct,
            @JsonProperty("min_quality_ratio") double minQualityRatio,
            @JsonProperty("steps") List<String> steps,
            @JsonProperty("savings_tolerance_pct") double savingsTolerancePct) {}

    /** Scenario 6: each case one fault type and the step it must stop the rollout at. */
    public record Rollback(
            @JsonProperty("_comment") String comment,
            @JsonProperty("fleet") String fleet,
            @JsonProperty("recommendation_type") String recommendationType,
            @JsonProperty("rollback_bound_production_ms") double rollbackBoundProductionMs,
            @JsonProperty("measurement_slack_ms") double measurementSlackMs,
            @JsonProperty("cases") List<RollbackCase> cases) {
        public Rollback {
            cases = List.copyOf(cases);
        }
    }

    /**
     * A fault ({@code magnitude}/{@code count} as the simulator takes them; on the migrated deployment or, not
     * {@code deployment_scoped}, the whole account), injected before approval and, with an {@code operation}, armed on
     * the rollout's call of that operation after {@code skip} matching ones (a one-shot strikes as that call starts, a
     * telemetry fault takes effect then), so it lands inside the stage it targets however slow the machine is; the
     * rollout must fail at {@code failed_step} with an error containing
     * {@code error_contains}, having created {@code instances_created} instances that the rollback removes.
     */
    public record RollbackCase(
            @JsonProperty("name") String name,
            @JsonProperty("fault") String fault,
            @JsonProperty("magnitude") Double magnitude,
            @JsonProperty("count") Integer count,
            @JsonProperty("deployment_scoped") boolean deploymentScoped,
            @JsonProperty("operation") String operation,
            @JsonProperty("skip") Integer skip,
            @JsonProperty("failed_step") String failedStep,
            @JsonProperty("error_contains") String errorContains,
            @JsonProperty("instances_created") int instancesCreated) {
        public RollbackCase {
            Objects.requireNonNull(fault, "fault");
            Objects.requireNonNull(failedStep, "failed_step of " + name);
            Objects.requireNonNull(errorContains, "error_contains of " + name);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Scenario 5, run for every customer profile on the fleet of the profile's cloud. */
    public record Journey(
            @JsonProperty("_comment") String comment,
            @JsonProperty("fleet_by_cloud") Map<String, String> fleetByCloud,
            @JsonProperty("realized_vs_predicted") Band realizedVsPredicted,
            @JsonProperty("savings_tolerance_pct") double savingsTolerancePct,
            @JsonProperty("agent_types") List<String> agentTypes) {}

    public record Band(@JsonProperty("min") double min, @JsonProperty("max") double max) {}

    /** Scenario 8, run in each direction: one fleet moves, the other stays where it is. */
    public record CrossCloud(
            @JsonProperty("_comment") String comment,
            @JsonProperty("recommendation_type") String recommendationType,
            @JsonProperty("steps") List<String> steps,
            @JsonProperty("measured_drop_tolerance_pct") double measuredDropTolerancePct,
            @JsonProperty("directions") List<Direction> directions) {}

    public record Direction(
            @JsonProperty("name") String name,
            @JsonProperty("from_cloud") String fromCloud,
            @JsonProperty("to_cloud") String toCloud,
            @JsonProperty("fleets") List<String> fleets) {
        @Override
        public String toString() {
            return name;
        }
    }

    public record Performance(
            @JsonProperty("_comment") String comment,
            @JsonProperty("fleet") String fleet,
            @JsonProperty("recommendation_types") List<String> recommendationTypes,
            @JsonProperty("canary_steps") List<String> canarySteps,
            @JsonProperty("min_speedup") double minSpeedup,
            @JsonProperty("max_speedup") double maxSpeedup,
            @JsonProperty("max_p95_ms") double maxP95Ms,
            @JsonProperty("max_p99_ms") double maxP99Ms,
            @JsonProperty("max_error_rate") double maxErrorRate,
            @JsonProperty("max_quality_drop_pct") double maxQualityDropPct) {}

    public record Quality(
            @JsonProperty("_comment") String comment,
            @JsonProperty("fleet") String fleet,
            @JsonProperty("recommendation_type") String recommendationType,
            @JsonProperty("fault") Fault fault,
            @JsonProperty("min_quality_ratio") double minQualityRatio,
            @JsonProperty("failed_step") String failedStep) {}

    public record Fault(@JsonProperty("type") String type, @JsonProperty("magnitude") double magnitude) {}

    /** Scenario 3: the strategy and execution order pinned for the customer's default priority order. */
    public record Coordination(
            @JsonProperty("_comment") String comment,
            @JsonProperty("fleet") String fleet,
            @JsonProperty("recommendation_types") List<String> recommendationTypes,
            @JsonProperty("strategy") String strategy,
            @JsonProperty("execution_order") List<String> executionOrder,
            @JsonProperty("min_agent_sources") int minAgentSources) {}

    public record Conflicts(@JsonProperty("_comment") String comment, @JsonProperty("cases") List<ConflictCase> cases) {
        public Conflicts {
            cases = List.copyOf(cases);
        }
    }

    /**
     * Scenario 7: {@code pick} (recommendation types) resolved under {@code priority_order}; the strategy and, by
     * strategy, the chosen type, the types in execution order, or the hybrid's split, pinned.
     */
    public record ConflictCase(
            @JsonProperty("name") String name,
            @JsonProperty("fleet") String fleet,
            @JsonProperty("pick") List<String> pick,
            @JsonProperty("priority_order") List<String> priorityOrder,
            @JsonProperty("strategy") String strategy,
            @JsonProperty("chosen_type") String chosenType,
            @JsonProperty("execution_types") List<String> executionTypes,
            @JsonProperty("hybrid_spot_count") Integer hybridSpotCount,
            @JsonProperty("hybrid_reserved_count") Integer hybridReservedCount,
            @JsonProperty("hybrid_savings") Double hybridSavings) {
        @Override
        public String toString() {
            return name;
        }
    }
}
