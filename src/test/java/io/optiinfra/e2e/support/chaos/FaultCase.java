package io.optiinfra.e2e.support.chaos;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.data.TestData;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One row of testdata/chaos/faults.json: what breaks, where, when, and how the rollout may end. A row missing what
 * its family needs, or naming an unknown fault, is an error (never a silent pass).
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record FaultCase(
        @JsonProperty("name") String name,
        @JsonProperty("family") String family,
        @JsonProperty("fault") String fault,
        @JsonProperty("step") String step,
        @JsonProperty("operation") String operation,
        @JsonProperty("skip") Integer skip,
        @JsonProperty("count") Integer count,
        @JsonProperty("magnitude") Double magnitude,
        @JsonProperty("target") String target,
        @JsonProperty("agent_type") String agentType,
        @JsonProperty("phase") String phase,
        @JsonProperty("expect") String expect,
        @JsonProperty("rollouts") Integer rollouts) {

    public static final String FILE = "chaos/faults.json";
    /** Recovery that ends either way is correct for these; the invariants decide the rest. */
    public static final String EITHER = "either";
    private static final Set<String> CLOUD_FAULTS = Set.of("api_error", "throttling", "slow_responses",
            "spot_interruption", "instance_loss");
    private static final Set<String> SIGNALS = Set.of("kill", "pause", "restart");

    /**
     * Every case of a family ("cloud", "cloud_parallel", "process", "store"), validated. {@code -Dchaos.case=<text>} keeps only the cases
     * whose name contains it (to rerun one case); a family left without cases then has nothing to run.
     */
    public static List<FaultCase> of(String family) {
        JsonNode doc = TestData.readTree(FILE);
        String only = System.getProperty("chaos.case", "");
        List<FaultCase> cases = new ArrayList<>();
        int ofFamily = 0;
        for (JsonNode row : doc.get("cases")) {
            FaultCase c = TestData.mapper().convertValue(row, FaultCase.class);
            c.validate();
            if (c.family().equals(family)) {
                ofFamily++;
                if (c.name().contains(only)) {
                    cases.add(c);
                }
            }
        }
        if (ofFamily == 0) {
            throw new IllegalStateException(FILE + " has no case of family " + family);
        }
        return cases;
    }

    /** The fleet and recommendation every rollout case starts from. */
    public static String fleet() {
        return TestData.readTree(FILE).get("fleet").asText();
    }

    public static String recommendationType() {
        return TestData.readTree(FILE).get("recommendation_type").asText();
    }

    /** How long a pause or a stop lasts, in production time (scaled by the environment's time scale). */
    public static long outageProductionMillis() {
        return TestData.readTree(FILE).get("outage_production_ms").asLong();
    }

    public boolean duringRollout() {
        return cloud() || "rollout".equals(phase);
    }

    /**
     * A cloud fault in the customer's own account: {@code cloud} for one rollout, {@code cloud_parallel} for
     * {@link #rollouts} customers' rollouts approved at the same instant, each with this fault in its account.
     */
    public boolean cloud() {
        return "cloud".equals(family) || "cloud_parallel".equals(family);
    }

    /** A throttling fault: its magnitude, when set, is the Retry-After (ms) the simulator's 429 answers carry. */
    public boolean throttling() {
        return "throttling".equals(fault);
    }

    private void validate() {
        require(name != null && !name.isBlank(), "name");
        require(Set.of("cloud", "cloud_parallel", "process", "store").contains(family),
                "family cloud|cloud_parallel|process|store");
        require(Set.of("completed", "rolled_back", EITHER).contains(expect), "expect completed|rolled_back|either");
        if (cloud()) {
            require(CLOUD_FAULTS.contains(fault), "a cloud fault of " + CLOUD_FAULTS);
        } else {
            require(SIGNALS.contains(fault), "a fault of " + SIGNALS);
            require(target != null, "target");
            require(Set.of("analysis", "validation", "rollout").contains(phase), "phase analysis|validation|rollout");
        }
        if (duringRollout()) {
            require(step != null, "step");
        }
        if (cloud()) {
            require(operation != null, "operation (the cloud call the fault is scoped to)");
        }
        require("cloud_parallel".equals(family) == (rollouts != null),
                "rollouts exactly when the family is cloud_parallel");
        require(rollouts == null || rollouts >= 2, "rollouts >= 2 (parallel rollouts)");
        require(!"cloud_parallel".equals(family) || count != null, "count (the 429s each rollout gets)");
    }

    private void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(FILE + " case '" + name + "' needs " + what);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
