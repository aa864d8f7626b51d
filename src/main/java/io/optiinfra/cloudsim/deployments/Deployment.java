package io.optiinfra.cloudsim.deployments;

import io.optiinfra.cloudsim.catalog.InstanceType;
import io.optiinfra.cloudsim.instances.Instance;

import java.time.Instant;
import java.util.List;

/**
 * A vLLM deployment: the stable config, the optional canary, the load it receives and its SLO. Its instances are
 * the account's running instances whose {@code deployment_id} is this id. Mutable; guarded by the account's lock.
 */
public final class Deployment {
    private final String id;
    private final String customerId;
    private final String model;
    private final String cloud;
    private final String region;
    /** The type it was provisioned on: the model falls back to it when no instance serves the deployment. */
    private final InstanceType instanceType;
    private final double sloP95Ms;
    private final boolean interruptionTolerant;
    /** GB/month that would cross clouds if it ran on another cloud (its callers stay put): prices cross-cloud moves. */
    private final double dataTransferGbMonth;
    private final Instant createdAt;
    private VllmConfig vllmConfig;
    private String quantization;
    private double loadRps;
    private Canary canary;
    private Instant updatedAt;

    public Deployment(String id, String customerId, String model, String cloud, String region,
                      InstanceType instanceType, VllmConfig vllmConfig, String quantization, double sloP95Ms,
                      double loadRps, boolean interruptionTolerant) {
        this(id, customerId, model, cloud, region, instanceType, vllmConfig, quantization, sloP95Ms, loadRps,
                interruptionTolerant, 0);
    }

    public Deployment(String id, String customerId, String model, String cloud, String region,
                      InstanceType instanceType, VllmConfig vllmConfig, String quantization, double sloP95Ms,
                      double loadRps, boolean interruptionTolerant, double dataTransferGbMonth) {
        this.id = id;
        this.customerId = customerId;
        this.model = model;
        this.cloud = cloud;
        this.region = region;
        this.instanceType = instanceType;
        this.vllmConfig = vllmConfig;
        this.quantization = quantization;
        this.sloP95Ms = sloP95Ms;
        this.loadRps = loadRps;
        this.interruptionTolerant = interruptionTolerant;
        this.dataTransferGbMonth = dataTransferGbMonth;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    public String id() { return id; }
    public String model() { return model; }
    public InstanceType instanceType() { return instanceType; }
    public VllmConfig vllmConfig() { return vllmConfig; }
    public String quantization() { return quantization; }
    public double loadRps() { return loadRps; }
    public double sloP95Ms() { return sloP95Ms; }
    public Canary canary() { return canary; }
    public double dataTransferGbMonth() { return dataTransferGbMonth; }

    // mutators: public for DeploymentService (cloudsim.accounts), which calls them holding the account's monitor
    public void stableConfig(VllmConfig config, String quantization) {
        this.vllmConfig = config;
        this.quantization = quantization;
        touch();
    }

    public void loadRps(double loadRps) {
        this.loadRps = loadRps;
        touch();
    }

    public void canary(Canary canary) {
        this.canary = canary;
        touch();
    }

    private void touch() {
        updatedAt = Instant.now();
    }

    public DeploymentView view(List<Instance> running) {
        return new DeploymentView(id, customerId, model, cloud, region, instanceType.name(), running.size(),
                running.stream().map(Instance::id).toList(), vllmConfig, quantization, sloP95Ms, loadRps,
                interruptionTolerant, dataTransferGbMonth, canary, createdAt, updatedAt);
    }
}
