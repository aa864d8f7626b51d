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
 * One-year reserved capacity for the on-demand instances of a deployment: a steady baseline bought cheaper. For an
 * interruption-tolerant deployment it is the alternative to spot migration (the orchestrator's conflict resolution
 * can split the two). Needs the catalog's {@code reserved_1yr_hourly}: without it there is no recommendation rather
 * than an invented discount.
 */
public final class ReservedInstances {
    public static final String TYPE = "reserved_instances";

    private ReservedInstances() {}

    public static Optional<Recommendation> evaluate(Deployment d, List<Instance> running, PriceBook prices) {
        List<Instance> covered = new ArrayList<>();
        double before = 0;
        double after = 0;
        for (Instance i : running) {
            Optional<InstancePrice> price = prices.find(i.instanceType());
            if (i.onDemand() && price.isPresent() && price.get().reserved1yrHourly() != null) {
                covered.add(i);
                before += price.get().onDemandHourly();
                after += price.get().reserved1yrHourly();
            }
        }
        if (covered.isEmpty() || before <= after) {
            return Optional.empty();
        }
        String type = CustomerContext.mostCommonType(covered);
        InstancePrice price = prices.find(type).orElseThrow();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("deployment_id", d.id());
        details.put("instance_ids", CustomerContext.ids(covered));
        details.put("instance_type", type);
        details.put("target_market", "reserved"); // the simulator's market name
        details.put("term_years", 1);
        details.put("on_demand_hourly", price.onDemandHourly());
        details.put("reserved_1yr_hourly", price.reserved1yrHourly());
        details.put("instance_count", covered.size());
        List<String> affected = new ArrayList<>(List.of(d.id()));
        affected.addAll(CustomerContext.ids(covered));
        return Optional.of(new Recommendation(TYPE,
                "Reserve 1-year capacity for " + d.id() + " (" + covered.size() + " × " + type + ")",
                Risk.LOW, (before - after) * Money.HOURS_PER_MONTH, CostFigures.improvement(before, after),
                affected, details));
    }
}
