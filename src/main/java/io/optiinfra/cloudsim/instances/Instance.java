package io.optiinfra.cloudsim.instances;

import io.optiinfra.cloudsim.catalog.InstanceType;
import io.optiinfra.cloudsim.catalog.Markets;

import java.time.Instant;

/** A simulated VM. Mutable; guarded by the lock of its account ({@code cloudsim.accounts.Account}). */
public final class Instance {
    public static final String RUNNING = "running";
    public static final String TERMINATED = "terminated";
    public static final String INTERRUPTED = "interrupted";

    private final String id;
    private final String customerId;
    private final String region;
    private final Instant launchedAt;
    private InstanceType type;
    private String market;
    private String state = RUNNING;
    private String deploymentId;
    private String role;
    private Instant terminatedAt;

    public Instance(String id, String customerId, InstanceType type, String region, String market, String deploymentId,
                    String role, Instant launchedAt) {
        this.id = id;
        this.customerId = customerId;
        this.type = type;
        this.region = region;
        this.market = market;
        this.deploymentId = deploymentId;
        this.role = role;
        this.launchedAt = launchedAt;
    }

    public String id() { return id; }
    public Instant launchedAt() { return launchedAt; }
    public String cloud() { return type.cloud(); }
    public String region() { return region; }
    public InstanceType type() { return type; }
    public String market() { return market; }
    public boolean spot() { return Markets.SPOT.equals(market); }
    public String state() { return state; }
    public boolean running() { return RUNNING.equals(state); }
    public String deploymentId() { return deploymentId; }
    public String role() { return role; }
    public double hourlyPrice() { return type.hourlyPrice(market); }

    public boolean servesDeployment(String id) {
        return running() && id.equals(deploymentId);
    }

    // mutators: public for the services in cloudsim.accounts, which call them holding the account's monitor
    public void type(InstanceType type) { this.type = type; }
    public void market(String market) { this.market = market; }
    public void deploymentId(String deploymentId) { this.deploymentId = deploymentId; }
    public void role(String role) { this.role = role; }

    /** Ends a running instance; no-op otherwise. */
    public void stop(String finalState, Instant at) {
        if (running()) {
            state = finalState;
            terminatedAt = at;
        }
    }

    /** Hardware loss: a running instance (any market) ends {@code terminated} by the provider. */
    public boolean lose(Instant at) {
        if (running()) {
            stop(TERMINATED, at);
            return true;
        }
        return false;
    }

    /** A spot reclaim: a running spot instance becomes {@code interrupted}. */
    public boolean interrupt(Instant at) {
        if (running() && spot()) {
            stop(INTERRUPTED, at);
            return true;
        }
        return false;
    }

    public InstanceView view() {
        return new InstanceView(id, customerId, type.cloud(), region, type.name(), market, state, deploymentId, role,
                hourlyPrice(), launchedAt, terminatedAt);
    }
}
