package io.optiinfra.cloudsim.faults;

import com.fasterxml.jackson.annotation.JsonValue;
import io.optiinfra.common.ApiException;

import java.util.Arrays;

/** The faults a test can inject into one customer's account. */
public enum FaultType {
    /** creating (or switching to) spot instances fails with 503 {@code insufficient_capacity} until cleared */
    SPOT_CAPACITY_UNAVAILABLE("spot_capacity_unavailable"),
    /** the next {@code count} mutating calls of the account fail with 500 {@code cloud_api_error} */
    API_ERROR("api_error"),
    /** one-shot: the account's running spot instances (of the deployment, if given) become {@code interrupted} */
    SPOT_INTERRUPTION("spot_interruption"),
    /** quality × (1 − magnitude) for the deployment (all deployments if none given), all variants */
    QUALITY_DEGRADATION("quality_degradation"),
    /**
     * quality × (1 − magnitude) for the canary variant only: a change whose new version answers worse. Removing the
     * canary (a rollback) brings quality back without clearing the fault.
     */
    CANARY_QUALITY_DEGRADATION("canary_quality_degradation"),
    /** latencies × magnitude for the deployment (all deployments if none given) */
    LATENCY_SPIKE("latency_spike"),
    /**
     * the next {@code count} mutating calls of the account answer 429 {@code throttled} (nothing changes); with a
     * {@code magnitude}, each 429 carries {@code Retry-After} (seconds, rounded up) and {@code Retry-After-Ms}
     */
    THROTTLING("throttling"),
    /** the next {@code count} mutating calls take effect but answer only after {@code magnitude} ms */
    SLOW_RESPONSES("slow_responses"),
    /** one-shot: the {@code count} newest running instances of the deployment (any if none given) are lost */
    INSTANCE_LOSS("instance_loss");

    private final String wireName;

    FaultType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /**
     * Faults that shape a deployment's telemetry for as long as they last. Scoped to an {@code operation}, they lie
     * dormant until that call starts (after {@code skip} matching calls), then take effect.
     */
    public boolean telemetry() {
        return this == QUALITY_DEGRADATION || this == CANARY_QUALITY_DEGRADATION || this == LATENCY_SPIKE;
    }

    public static FaultType parse(String value) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(value)).findFirst()
                .orElseThrow(() -> ApiException.badRequest("type must be one of "
                        + Arrays.stream(values()).map(FaultType::wireName).toList() + ", not '" + value + "'"));
    }
}
