package io.optiinfra.cloudsim.faults;

import io.optiinfra.common.ApiException;

import java.util.ArrayList;
import java.util.List;

/**
 * The faults injected into one account and the rules that apply them. Guarded by the account's lock, like the rest
 * of the account, so faults of one customer can never touch another.
 */
public final class AccountFaults {
    private final List<Fault> faults = new ArrayList<>();

    void add(Fault fault) {
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

    /** Call at the start of every mutating cloud call: fails it with 500 while an {@code api_error} fault lasts. */
    public void consumeApiError(String operation) {
        for (Fault f : faults) {
            if (f.active() && f.type() == FaultType.API_ERROR) {
                f.consumeOne();
                throw new ApiException(500, "cloud_api_error", "injected cloud API error (" + f.id() + ") on "
                        + operation);
            }
        }
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
