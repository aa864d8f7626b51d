package io.optiinfra.agents.resource;

import io.optiinfra.agents.shared.CustomerContext;
import io.optiinfra.agents.shared.Deployment;
import io.optiinfra.agents.shared.Instance;
import io.optiinfra.agents.shared.Money;
import io.optiinfra.agents.shared.Prediction;
import io.optiinfra.agents.shared.PriceBook;
import io.optiinfra.agents.shared.Recommendation;
import io.optiinfra.agents.shared.Risk;
import io.optiinfra.agents.shared.WhatIf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GPU consolidation: a deployment on at least two instances whose GPU utilisation is under 50 % shrinks to the
 * smallest instance count whose prediction keeps p95 within the SLO and GPU utilisation at most 80 %. The most
 * expensive instances go first; savings are their hourly prices × 730.
 */
public final class Consolidation {
    public static final String TYPE = "gpu_consolidation";
    public static final double MAX_GPU_UTILIZATION = 0.5;
    public static final double TARGET_MAX_GPU_UTILIZATION = 0.8;

    private Consolidation() {}

    public static Optional<Recommendation> evaluate(Deployment d, List<Instance> running, double gpuUtilization,
                                                    PriceBook prices, WhatIf whatIf) {
        int count = running.size();
        if (count < 2 || gpuUtilization >= MAX_GPU_UTILIZATION || !d.hasSlo()) {
            return Optional.empty();
        }
        for (int target = 1; target < count; target++) {
            Prediction p = whatIf.predict(Map.of("instance_count", target));
            if (p.latencyP95Ms() <= d.sloP95Ms() && p.gpuUtilization() <= TARGET_MAX_GPU_UTILIZATION) {
                return Optional.of(recommendation(d, running, target, gpuUtilization, p, prices));
            }
        }
        return Optional.empty();
    }

    private static Recommendation recommendation(Deployment d, List<Instance> running, int target,
                                                 double gpuBefore, Prediction p, PriceBook prices) {
        Comparator<Instance> priciestFirst = Comparator.comparingDouble((Instance i) -> hourly(i, prices))
                .reversed().thenComparing(Instance::id);
        List<Instance> remove = running.stream().sorted(priciestFirst).limit(running.size() - target).toList();
        double removedHourly = remove.stream().mapToDouble(i -> hourly(i, prices)).sum();
        double totalHourly = running.stream().mapToDouble(i -> hourly(i, prices)).sum();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("deployment_id", d.id());
        details.put("instance_ids_to_remove", CustomerContext.ids(remove));
        details.put("target_count", target);
        details.put("current_count", running.size());
        details.put("predicted_p95_ms", p.latencyP95Ms());
        details.put("predicted_gpu_utilization", p.gpuUtilization());
        Map<String, Object> improvement = new LinkedHashMap<>();
        improvement.put("monthly_cost_before", Money.monthly(totalHourly));
        improvement.put("monthly_cost_after", Money.monthly(totalHourly - removedHourly));
        improvement.put("gpu_utilization_before", gpuBefore);
        improvement.put("gpu_utilization_after", p.gpuUtilization());
        improvement.put("latency_p95_ms_after", p.latencyP95Ms());
        List<String> affected = new ArrayList<>(List.of(d.id()));
        affected.addAll(CustomerContext.ids(remove));
        return new Recommendation(TYPE,
                "Consolidate " + d.id() + " from " + running.size() + " to " + target + " instance(s)",
                Risk.fromLatencyHeadroom(p.latencyP95Ms(), d.sloP95Ms()), removedHourly * Money.HOURS_PER_MONTH,
                improvement, affected, details);
    }

    private static double hourly(Instance i, PriceBook prices) {
        return prices.find(i.instanceType()).map(p -> p.hourly(i.market())).orElse(0.0);
    }
}
