package io.optiinfra.cloudsim.deployments;

import io.optiinfra.cloudsim.catalog.Catalog;
import io.optiinfra.cloudsim.catalog.InstanceType;
import io.optiinfra.cloudsim.deployments.DeploymentRequests.WhatIf;
import io.optiinfra.cloudsim.deployments.WorkloadModel.Node;
import io.optiinfra.cloudsim.instances.Instance;
import io.optiinfra.common.ApiException;
import io.optiinfra.common.Json;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code POST .../predict}: the metrics block a deployment would have if it ran the whole load on
 * {@code instance_count} instances of {@code instance_type}, a {@code spot_share} of them on spot, with the given
 * config. Unset inputs default to the stable variant as it is now (its most common instance type, its instance
 * count, its spot share, its config and quantization, the current load). Active faults apply, as they would after
 * the change. Nothing is changed.
 */
public final class Predictor {
    private Predictor() {}

    public static Map<String, Object> predict(Deployment d, List<Instance> running, WhatIf what, double latencyFactor,
                                       double qualityFactor) {
        List<Instance> base = MetricsCalculator.stableInstances(d, running);
        VllmConfig config = d.vllmConfig().overriddenBy(what.vllmConfig()).validated();
        String quantization = Quantization.parse(what.quantization(), d.quantization());
        InstanceType type = what.instanceType() != null
                ? Catalog.find(what.instanceType()).orElseThrow(() ->
                        ApiException.badRequest("unknown instance_type '" + what.instanceType() + "'"))
                : mostCommonType(base, d.instanceType());
        int count = what.instanceCount() != null ? what.instanceCount() : base.size();
        if (count < 0 || count > 256) {
            throw ApiException.badRequest("instance_count must be within 0..256");
        }
        double spotShare = what.spotShare() != null ? what.spotShare()
                : base.isEmpty() ? 0 : (double) base.stream().filter(Instance::spot).count() / base.size();
        if (!(spotShare >= 0 && spotShare <= 1)) {
            throw ApiException.badRequest("spot_share must be within 0..1");
        }
        double load = what.loadRps() != null ? what.loadRps() : d.loadRps();
        if (!(load >= 0 && load <= 1_000_000)) {
            throw ApiException.badRequest("load_rps must be within 0..1000000");
        }

        List<Node> nodes = new ArrayList<>();
        if (count * (1 - spotShare) > 0) {
            nodes.add(new Node(type, false, count * (1 - spotShare)));
        }
        if (count * spotShare > 0) {
            nodes.add(new Node(type, true, count * spotShare));
        }
        WorkloadModel.Performance p = WorkloadModel.evaluate(
                new WorkloadModel.Variant(nodes, config, quantization, d.model(), load, type),
                latencyFactor, qualityFactor);
        double hourly = count * ((1 - spotShare) * type.onDemandHourly() + spotShare * type.spotHourly());

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("deployment_id", d.id());
        result.put("slo_p95_ms", d.sloP95Ms());
        result.putAll(Json.MAPPER.convertValue(MetricsBlock.of(p, hourly, 1.0, count),
                Json.MAPPER.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class)));
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("instance_type", type.name());
        inputs.put("cloud", type.cloud());
        inputs.put("instance_count", count);
        inputs.put("spot_share", spotShare);
        inputs.put("vllm_config", config);
        inputs.put("quantization", quantization);
        inputs.put("load_rps", load);
        result.put("inputs", inputs);
        return result;
    }

    private static InstanceType mostCommonType(List<Instance> instances, InstanceType fallback) {
        return instances.stream()
                .collect(Collectors.groupingBy(Instance::type, LinkedHashMap::new, Collectors.counting()))
                .entrySet().stream()
                .max(Comparator.comparingLong(Map.Entry<InstanceType, Long>::getValue))
                .map(Map.Entry::getKey)
                .orElse(fallback);
    }
}
