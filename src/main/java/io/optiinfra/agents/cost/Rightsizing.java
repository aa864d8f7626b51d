package io.optiinfra.agents.cost;

import io.optiinfra.agents.shared.CustomerContext;
import io.optiinfra.agents.shared.Deployment;
import io.optiinfra.agents.shared.Instance;
import io.optiinfra.agents.shared.InstancePrice;
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
 * Right-sizing of an under-used deployment (GPU utilisation below 30 %): among the same cloud's types that are
 * cheaper per hour (in the deployment's market) and offered in its region, the cheapest whose predicted p95 stays
 * within the SLO. Savings = (current − target hourly) × count × 730.
 */
public final class Rightsizing {
    public static final String TYPE = "instance_rightsizing";
    public static final double MAX_GPU_UTILIZATION = 0.30;

    private Rightsizing() {}

    public static Optional<Recommendation> evaluate(Deployment d, List<Instance> running, double gpuUtilization,
                                                    PriceBook prices, WhatIf whatIf) {
        if (gpuUtilization >= MAX_GPU_UTILIZATION || running.isEmpty() || !d.hasSlo()) {
            return Optional.empty();
        }
        String currentType = CustomerContext.mostCommonType(running);
        Optional<InstancePrice> current = prices.find(currentType);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        String market = running.stream().allMatch(i -> InstancePrice.SPOT.equals(i.market()))
                ? InstancePrice.SPOT : InstancePrice.ON_DEMAND;
        double currentHourly = current.get().hourly(market);
        List<InstancePrice> candidates = prices.all().stream()
                .filter(p -> p.cloud().equals(current.get().cloud()) && p.availableIn(d.region()))
                .filter(p -> p.hourly(market) < currentHourly)
                .sorted(Comparator.comparingDouble((InstancePrice p) -> p.hourly(market))
                        .thenComparing(InstancePrice::name))
                .toList();
        for (InstancePrice target : candidates) {
            Prediction predicted = whatIf.predict(Map.of("instance_type", target.name()));
            if (predicted.latencyP95Ms() <= d.sloP95Ms()) {
                return Optional.of(recommendation(d, running, currentType, currentHourly, target.name(),
                        target.hourly(market), predicted));
            }
        }
        return Optional.empty();
    }

    private static Recommendation recommendation(Deployment d, List<Instance> running, String fromType,
                                                 double fromHourly, String toType, double toHourly,
                                                 Prediction predicted) {
        int count = running.size();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("deployment_id", d.id());
        details.put("instance_ids", CustomerContext.ids(running));
        details.put("from_instance_type", fromType);
        details.put("target_instance_type", toType);
        details.put("instance_count", count);
        details.put("from_hourly", fromHourly);
        details.put("target_hourly", toHourly);
        details.put("predicted_p95_ms", predicted.latencyP95Ms());
        Map<String, Object> improvement = CostFigures.improvement(fromHourly * count, toHourly * count);
        improvement.put("latency_p95_ms_after", predicted.latencyP95Ms());
        List<String> affected = new ArrayList<>(List.of(d.id()));
        affected.addAll(CustomerContext.ids(running));
        return new Recommendation(TYPE, "Right-size " + d.id() + " from " + fromType + " to " + toType,
                Risk.fromLatencyHeadroom(predicted.latencyP95Ms(), d.sloP95Ms()),
                (fromHourly - toHourly) * count * Money.HOURS_PER_MONTH, improvement, affected, details);
    }
}
