package io.optiinfra.agents.cost;

import io.optiinfra.agents.shared.CustomerContext;
import io.optiinfra.agents.shared.Deployment;
import io.optiinfra.agents.shared.Instance;
import io.optiinfra.agents.shared.InstancePrice;
import io.optiinfra.agents.shared.Money;
import io.optiinfra.agents.shared.PriceBook;
import io.optiinfra.agents.shared.Recommendation;
import io.optiinfra.agents.shared.Risk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Spot migration of an interruption-tolerant deployment's on-demand instances. Savings are Σ (on-demand − spot)
 * hourly × 730 over those instances; risk follows the spot interruption rate of their type. Never for deployments
 * that cannot tolerate interruptions.
 */
public final class SpotMigration {
    public static final String TYPE = "spot_migration";

    private SpotMigration() {}

    public static Optional<Recommendation> evaluate(Deployment d, List<Instance> running, PriceBook prices) {
        if (!d.interruptionTolerant()) {
            return Optional.empty();
        }
        List<Instance> onDemand = new ArrayList<>();
        double before = 0;
        double after = 0;
        double worstRate = 0;
        for (Instance i : running) {
            Optional<InstancePrice> price = prices.find(i.instanceType());
            if (i.onDemand() && price.isPresent()) {
                onDemand.add(i);
                before += price.get().onDemandHourly();
                after += price.get().spotHourly();
                worstRate = Math.max(worstRate, price.get().spotInterruptionRate());
            }
        }
        if (onDemand.isEmpty() || before <= after) {
            return Optional.empty();
        }
        String type = CustomerContext.mostCommonType(onDemand);
        InstancePrice price = prices.find(type).orElseThrow();
        double savings = (before - after) * Money.HOURS_PER_MONTH;

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("deployment_id", d.id());
        details.put("instance_ids", CustomerContext.ids(onDemand));
        details.put("instance_type", type);
        details.put("target_market", InstancePrice.SPOT);
        details.put("on_demand_hourly", price.onDemandHourly());
        details.put("spot_hourly", price.spotHourly());
        details.put("instance_count", onDemand.size());
        details.put("spot_interruption_rate", worstRate);
        List<String> affected = new ArrayList<>(List.of(d.id()));
        affected.addAll(CustomerContext.ids(onDemand));
        return Optional.of(new Recommendation(TYPE,
                "Move " + d.id() + " to spot (" + onDemand.size() + " × " + type + ")",
                Risk.fromInterruptionRate(worstRate), savings, CostFigures.improvement(before, after),
                affected, details));
    }
}
