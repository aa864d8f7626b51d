package io.optiinfra.cloudsim.faults;

import io.optiinfra.common.ApiException;

import java.util.ArrayList;
import java.util.List;

/**
 * The faults injected into one account and the rules that apply them. Guarded by the account's lock, like the rest
 * of the account, so faults of one customer can never touch another.
 */
public final class AccountFaults {
    public static final String RETRY_AFTER = "Retry-After";
    public static final String RETRY_AFTER_MS = "Retry-After-Ms";
    private final List<Fault> faults = new ArrayList<>();

    public void add(Fault fault) {
        faults.add(fault);
    }

    public List<FaultView> views() {
        return faults.stream().map(Fault::view).toList();
    }

    /** Removes every fault; returns how many there were. */
    public int clear() {
        int n = faults.size();
        faults.clear();
        return n;
    }

    public boolean remove(String faultId) {
        return faults.removeIf(f -> f.id().equals(faultId));
    }

    /**
     * Call at the start of every mutating cloud call: answers 429 while a {@code throttling} fault lasts (with
     * {@code Retry-After} when the fault's magnitude sets one), 500 while an {@code api_error} fault lasts.
     */
    public void consumeApiError(String operation) {
        for (Fault f : faults) {
            if (f.active() && f.type() == FaultType.THROTTLING && f.matches(operation)) {
                f.consumeOne();
                ApiException throttled = new ApiException(429, "throttled", "request rate exceeded (" + f.id()
                        + ") on " + operation + "; retry later");
                if (f.magnitude() != null) {
                    long millis = f.magnitude().longValue();
                    // HTTP's Retry-After is whole seconds (rounded up: never earlier than meant); the exact wait
                    // rides along in Retry-After-Ms, as Azure's APIs do, because a scaled-down test clock needs ms
                    throttled.header(RETRY_AFTER, String.valueOf((millis + 999) / 1000))
                            .header(RETRY_AFTER_MS, String.valueOf(millis));
                }
                throw throttled;
            }
        }
        for (Fault f : faults) {
            if (f.active() && f.type() == FaultType.API_ERROR && f.matches(operation)) {
                f.consumeOne();
                throw new ApiException(500, "cloud_api_error", "injected cloud API error (" + f.id() + ") on "
                        + operation);
            }
        }
    }

    /** Uses up one slow answer: the delay in ms the current mutating call's answer must wait (0 when none). */
    public long consumeSlowAnswer(String operation) {
        for (Fault f : faults) {
            if (f.active() && f.type() == FaultType.SLOW_RESPONSES && f.matches(operation)) {
                f.consumeOne();
                return f.magnitude().longValue();
            }
        }
        return 0;
    }

    /**
     * Fires one-shot faults armed on an operation (spot interruption, instance loss) as that operation starts, so
     * they strike in the middle of a rollout step rather than between steps; wakes telemetry faults waiting for it,
     * so a degradation starts exactly with a rollout stage instead of whenever a test's request arrives.
     */
    public void fireArmed(String operation, java.util.Collection<io.optiinfra.cloudsim.instances.Instance> instances) {
        for (Fault f : faults) {
            if (f.active() && f.armed() && f.matches(operation)) {
                f.spent(strike(f, instances));
            } else if (f.dormant() && f.matches(operation)) {
                f.wake();
            }
        }
    }

    /** Applies a one-shot fault to the account's instances; returns the ids it hit. */
    public static List<String> strike(Fault f, java.util.Collection<io.optiinfra.cloudsim.instances.Instance> instances) {
        java.time.Instant now = java.time.Instant.now();
        List<String> hit = new ArrayList<>();
        if (f.type() == FaultType.SPOT_INTERRUPTION) {
            for (var instance : instances) {
                boolean inScope = f.deploymentId() == null || f.deploymentId().equals(instance.deploymentId());
                if (inScope && instance.interrupt(now)) {
                    hit.add(instance.id());
                }
            }
        } else if (f.type() == FaultType.INSTANCE_LOSS) {
            List<io.optiinfra.cloudsim.instances.Instance> candidates = new ArrayList<>();
            for (var instance : instances) {
                if (io.optiinfra.cloudsim.instances.Instance.RUNNING.equals(instance.state())
                        && (f.deploymentId() == null || f.deploymentId().equals(instance.deploymentId()))) {
                    candidates.add(instance);
                }
            }
            candidates.sort(java.util.Comparator.comparing(io.optiinfra.cloudsim.instances.Instance::launchedAt)
                    .thenComparing(io.optiinfra.cloudsim.instances.Instance::id).reversed());
            int count = f.count() == null ? 1 : f.count();
            for (var instance : candidates.subList(0, Math.min(count, candidates.size()))) {
                if (instance.lose(now)) {
                    hit.add(instance.id());
                }
            }
        }
        return hit;
    }

    /** Call before acquiring spot capacity: 503 while a {@code spot_capacity_unavailable} fault is active. */
    public void checkSpotCapacity() {
        for (Fault f : faults) {
            if (f.active() && f.type() == FaultType.SPOT_CAPACITY_UNAVAILABLE) {
                throw new ApiException(503, "insufficient_capacity",
                        "there is no spot capacity for the requested instance type (" + f.id() + ")");
            }
        }
    }

    /** Product of the magnitudes of active latency spikes on the deployment (1.0 without any). */
    public double latencyFactor(String deploymentId) {
        double factor = 1.0;
        for (Fault f : faults) {
            if (f.appliesTo(FaultType.LATENCY_SPIKE, deploymentId)) {
                factor *= f.magnitude();
            }
        }
        return factor;
    }

    /** Product of (1 − magnitude) of active quality degradations on the deployment (1.0 without any). */
    public double qualityFactor(String deploymentId) {
        double factor = 1.0;
        for (Fault f : faults) {
            if (f.appliesTo(FaultType.QUALITY_DEGRADATION, deploymentId)) {
                factor *= 1.0 - f.magnitude();
            }
        }
        return factor;
    }

    /** Product of (1 − magnitude) of active canary-only quality degradations on the deployment. */
    public double canaryQualityFactor(String deploymentId) {
        double factor = 1.0;
        for (Fault f : faults) {
            if (f.appliesTo(FaultType.CANARY_QUALITY_DEGRADATION, deploymentId)) {
                factor *= 1.0 - f.magnitude();
            }
        }
        return factor;
    }
}
