package io.optiinfra.e2e.support.data;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@code testdata/fleets/*.json}: what is seeded into the simulated cloud ({@code instances}, {@code deployments})
 * and what the suite expects of it ({@code expectations}: the recommendation types, the cost, and per recommendation
 * type the pinned outcome of executing it). Read strictly: an unknown property is an error.
 */
public record Fleet(
        @JsonProperty("name") String name,
        @JsonProperty("_comment") String comment,
        @JsonProperty("cloud") String cloud,
        @JsonProperty("region") String region,
        @JsonProperty("instances") List<InstanceGroup> instances,
        @JsonProperty("deployments") List<DeploymentSpec> deployments,
        @JsonProperty("expectations") Expectations expectations) {

    public static final String DIR = "fleets";
    /** Read-only and immutable once parsed, so parallel tests share one copy per file. */
    private static final Map<String, Fleet> CACHE = new ConcurrentHashMap<>();

    public Fleet {
        Objects.requireNonNull(name, "fleet name");
        Objects.requireNonNull(cloud, "cloud of " + name);
        Objects.requireNonNull(expectations, "expectations of " + name);
        instances = List.copyOf(instances);
        deployments = List.copyOf(deployments);
    }

    /** {@code testdata/fleets/<name>.json}; the file's {@code name} must agree with the file name. */
    public static Fleet named(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            Fleet fleet = TestData.read(DIR + "/" + n + ".json", Fleet.class);
            if (!fleet.name().equals(n)) {
                throw new IllegalStateException("fleets/" + n + ".json names itself '" + fleet.name() + "'");
            }
            return fleet;
        });
    }

    /** Every fleet file, sorted by name. */
    public static List<Fleet> all() {
        List<Fleet> fleets = new ArrayList<>();
        for (String path : TestData.listFiles(DIR)) {
            fleets.add(named(path.substring(DIR.length() + 1, path.length() - ".json".length())));
        }
        return fleets;
    }

    public int instanceCount() {
        return instances.stream().mapToInt(InstanceGroup::count).sum();
    }

    public DeploymentSpec deployment(String id) {
        return deployments.stream().filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " has no deployment " + id));
    }

    /** The pinned outcome of executing a recommendation of {@code type} on this fleet. */
    public Outcome outcome(String type) {
        Outcome outcome = expectations.outcomes().get(type);
        if (outcome == null) {
            throw new IllegalStateException("fleets/" + name + ".json pins no outcome for " + type);
        }
        return outcome;
    }

    @Override
    public String toString() {
        return name;
    }

    /** A group of seeded (or, in an end state, running) instances; {@code deployment_id} null = serving none. */
    public record InstanceGroup(
            @JsonProperty("deployment_id") String deploymentId,
            @JsonProperty("instance_type") String instanceType,
            @JsonProperty("market") String market,
            @JsonProperty("count") int count,
            @JsonProperty("cloud") String cloud,
            @JsonProperty("region") String region) {
        public InstanceGroup {
            Objects.requireNonNull(instanceType, "instance_type");
            Objects.requireNonNull(market, "market");
        }
    }

    public record DeploymentSpec(
            @JsonProperty("id") String id,
            @JsonProperty("model") String model,
            @JsonProperty("instance_type") String instanceType,
            @JsonProperty("instance_count") int instanceCount,
            @JsonProperty("vllm_config") Map<String, Double> vllmConfig,
            @JsonProperty("quantization") String quantization,
            @JsonProperty("slo_p95_ms") double sloP95Ms,
            @JsonProperty("load_rps") double loadRps,
            @JsonProperty("interruption_tolerant") boolean interruptionTolerant,
            @JsonProperty("cloud") String cloud,
            @JsonProperty("region") String region,
            @JsonProperty("data_transfer_gb_month") Double dataTransferGbMonth) {
        public DeploymentSpec {
            Objects.requireNonNull(id, "deployment id");
        }
    }

    public record Expectations(
            @JsonProperty("recommendation_types") List<String> recommendationTypes,
            @JsonProperty("monthly_cost") double monthlyCost,
            @JsonProperty("instances_running") int instancesRunning,
            @JsonProperty("cross_cloud") CrossCloudMove crossCloud,
            @JsonProperty("outcomes") Map<String, Outcome> outcomes) {
        public Expectations {
            recommendationTypes = List.copyOf(recommendationTypes);
            outcomes = outcomes == null ? Map.of() : Map.copyOf(outcomes);
        }
    }

    /**
     * What executing one recommendation does to this fleet, worked out from the catalog by hand (see the file's
     * comment): its savings, the instance type it must choose, and the account's running instances and cost after.
     */
    public record Outcome(
            @JsonProperty("deployment_id") String deploymentId,
            @JsonProperty("estimated_savings") double estimatedSavings,
            @JsonProperty("target_instance_type") String targetInstanceType,
            @JsonProperty("monthly_cost_after") double monthlyCostAfter,
            @JsonProperty("running_after") List<InstanceGroup> runningAfter) {
        public Outcome {
            Objects.requireNonNull(deploymentId, "outcome deployment_id");
            runningAfter = List.copyOf(Objects.requireNonNull(runningAfter, "outcome running_after"));
        }
    }

    public record CrossCloudMove(
            @JsonProperty("deployment_id") String deploymentId,
            @JsonProperty("target_cloud") String targetCloud,
            @JsonProperty("target_instance_type") String targetInstanceType,
            @JsonProperty("target_count") int targetCount,
            @JsonProperty("gross_savings") double grossSavings,
            @JsonProperty("egress_cost_monthly") double egressCostMonthly,
            @JsonProperty("estimated_savings") double estimatedSavings) {}
}
