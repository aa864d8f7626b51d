package io.optiinfra.cloudsim.faults;

import java.time.Instant;
import java.util.List;

/** An injected fault. Mutable (remaining count); guarded by the lock of its account. */
public final class Fault {
    private final String id;
    private final String customerId;
    private final FaultType type;
    private final String deploymentId;
    private final Double magnitude;
    private final Integer count;
    private final Instant createdAt;
    /** Only mutating calls whose operation starts with this are affected (null: every one); arms one-shots. */
    private final String operation;
    /** Matching calls still let through before the fault strikes (so it can target the n-th call of a rollout). */
    private int skip;
    private int remaining;
    private boolean active;
    /** A telemetry fault scoped to an operation waits for that call to start before it takes effect. */
    private boolean dormant;
    private List<String> affectedInstanceIds = List.of();

    public Fault(String id, String customerId, FaultType type, String deploymentId, Double magnitude, Integer count,
                 Instant createdAt, String operation, int skip) {
        this.operation = operation;
        this.skip = skip;
        this.id = id;
        this.customerId = customerId;
        this.type = type;
        this.deploymentId = deploymentId;
        this.magnitude = magnitude;
        this.count = count;
        this.createdAt = createdAt;
        this.remaining = count == null ? 0 : count;
        this.active = true;
        this.dormant = operation != null && type.telemetry();
    }

    public String id() { return id; }
    public FaultType type() { return type; }
    public boolean active() { return active; }
    public Double magnitude() { return magnitude; }
    public String deploymentId() { return deploymentId; }
    public Integer count() { return count; }

    /** Whether this fault applies to a mutating call of {@code op} (e.g. "terminate i-…", "set canary of d-…"). */
    boolean matches(String op) {
        if (operation != null && !op.startsWith(operation)) {
            return false;
        }
        if (skip > 0) {
            skip--;
            return false;
        }
        return true;
    }

    /** Whether this active fault of {@code type} applies to {@code deployment} (a fault without one applies to all). */
    boolean appliesTo(FaultType wanted, String deployment) {
        return active && !dormant && type == wanted && (deploymentId == null || deploymentId.equals(deployment));
    }

    /** Uses up one failure of an {@code api_error} fault. */
    void consumeOne() {
        remaining--;
        if (remaining <= 0) {
            active = false;
        }
    }

    /** A one-shot fault (spot interruption, instance loss) waiting for its operation to start. */
    boolean armed() {
        return operation != null && (type == FaultType.SPOT_INTERRUPTION || type == FaultType.INSTANCE_LOSS);
    }

    /** A telemetry fault still waiting for its operation (the rollout's n-th matching call) to start. */
    boolean dormant() {
        return active && dormant;
    }

    /** The awaited call started: from now on the fault shapes the deployment's telemetry. */
    void wake() {
        dormant = false;
    }

    /** A one-shot fault that has done its work. */
    public void spent(List<String> affected) {
        affectedInstanceIds = List.copyOf(affected);
        active = false;
    }

    public FaultView view() {
        return new FaultView(id, customerId, type, deploymentId, magnitude, count,
                type == FaultType.API_ERROR || type == FaultType.THROTTLING || type == FaultType.SLOW_RESPONSES ? remaining : null, active, createdAt, affectedInstanceIds, operation, skip, dormant);
    }
}
