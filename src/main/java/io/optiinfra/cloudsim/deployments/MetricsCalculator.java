package io.optiinfra.cloudsim.deployments;

import io.optiinfra.cloudsim.deployments.WorkloadModel.Node;
import io.optiinfra.cloudsim.deployments.WorkloadModel.Performance;
import io.optiinfra.cloudsim.deployments.WorkloadModel.Variant;
import io.optiinfra.cloudsim.instances.Instance;
import io.optiinfra.cloudsim.instances.Roles;

import java.util.List;

/**
 * Splits a deployment into its stable and canary variants and runs each through {@link WorkloadModel}.
 *
 * <ul>
 *   <li>No canary: every running instance of the deployment serves the stable config with all the load.</li>
 *   <li>Canary, and both variants have instances of their own (role stable / role canary): each variant serves its
 *       traffic share of the load on its own instances.</li>
 *   <li>Canary, but only one variant (or neither) has instances of its own: the variants share the pool of the
 *       deployment's running instances, each on the fraction equal to its traffic share (so a variant's utilisation
 *       is what the whole fleet would have on its config, and a 100% canary looks exactly like the promoted state).
 *       </li>
 * </ul>
 * Cost blocks: a variant costs the hourly prices of its own instances; overall costs all running instances.
 */
public final class MetricsCalculator {
    private MetricsCalculator() {}

    public static DeploymentMetrics compute(Deployment d, List<Instance> running, double latencyFactor,
                                            double qualityFactor) {
        return compute(d, running, latencyFactor, qualityFactor, 1.0);
    }

    /** {@code canaryQualityFactor} applies to the canary variant only (a change that answers worse). */
    public static DeploymentMetrics compute(Deployment d, List<Instance> running, double latencyFactor,
                                            double qualityFactor, double canaryQualityFactor) {
        Canary canary = d.canary();
        if (canary == null) {
            Performance p = WorkloadModel.evaluate(variant(d, nodes(running, 1.0), d.vllmConfig(), d.quantization(),
                    d.loadRps()), latencyFactor, qualityFactor);
            MetricsBlock block = MetricsBlock.of(p, hourly(running), 1.0, running.size());
            return new DeploymentMetrics(d.id(), d.sloP95Ms(), d.loadRps(), block, block, null);
        }
        double canaryShare = canary.trafficShare();
        double stableShare = 1.0 - canaryShare;
        List<Instance> stableOwn = running.stream().filter(i -> !Roles.CANARY.equals(i.role())).toList();
        List<Instance> canaryOwn = running.stream().filter(i -> Roles.CANARY.equals(i.role())).toList();
        boolean shared = stableOwn.isEmpty() || canaryOwn.isEmpty();
        List<Node> stableNodes = shared ? nodes(running, stableShare) : nodes(stableOwn, 1.0);
        List<Node> canaryNodes = shared ? nodes(running, canaryShare) : nodes(canaryOwn, 1.0);

        Performance stable = WorkloadModel.evaluate(variant(d, stableNodes, d.vllmConfig(), d.quantization(),
                d.loadRps() * stableShare), latencyFactor, qualityFactor);
        Performance canaryPerf = WorkloadModel.evaluate(variant(d, canaryNodes, canary.vllmConfig(),
                canary.quantization(), d.loadRps() * canaryShare), latencyFactor, qualityFactor * canaryQualityFactor);
        Performance overall = WorkloadModel.blend(stable, stableShare, canaryPerf, canaryShare);
        return new DeploymentMetrics(d.id(), d.sloP95Ms(), d.loadRps(),
                MetricsBlock.of(overall, hourly(running), 1.0, running.size()),
                MetricsBlock.of(stable, hourly(stableOwn), stableShare, stableOwn.size()),
                MetricsBlock.of(canaryPerf, hourly(canaryOwn), canaryShare, canaryOwn.size()));
    }

    /** The instances of the stable variant: its own ones while a canary has instances of its own, else all. */
    public static List<Instance> stableInstances(Deployment d, List<Instance> running) {
        if (d.canary() == null) {
            return running;
        }
        List<Instance> stableOwn = running.stream().filter(i -> !Roles.CANARY.equals(i.role())).toList();
        boolean canaryHasOwn = stableOwn.size() < running.size();
        return canaryHasOwn && !stableOwn.isEmpty() ? stableOwn : running;
    }

    static Variant variant(Deployment d, List<Node> nodes, VllmConfig config, String quantization, double load) {
        return new Variant(nodes, config, quantization, d.model(), load, d.instanceType());
    }

    static List<Node> nodes(List<Instance> instances, double weight) {
        return instances.stream().map(i -> new Node(i.type(), i.spot(), weight)).toList();
    }

    static double hourly(List<Instance> instances) {
        return instances.stream().mapToDouble(Instance::hourlyPrice).sum();
    }
}
