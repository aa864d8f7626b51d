package io.optiinfra.agents.resource;

import io.optiinfra.agents.shared.CustomerContext;
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

/** Running instances that serve no deployment: terminate them; savings are their hourly prices × 730. */
public final class IdleCleanup {
    public static final String TYPE = "idle_resource_cleanup";

    private IdleCleanup() {}

    /** {@code idle} are the customer's running instances attached to no deployment. */
    public static Optional<Recommendation> evaluate(List<Instance> idle, PriceBook prices) {
        List<Instance> priced = new ArrayList<>();
        double hourly = 0;
        for (Instance i : idle) {
            Optional<InstancePrice> price = prices.find(i.instanceType());
            if (price.isPresent()) {
                priced.add(i);
                hourly += price.get().hourly(i.market());
            }
        }
        if (priced.isEmpty()) {
            return Optional.empty();
        }
        List<String> ids = CustomerContext.ids(priced);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("instance_ids", ids);
        details.put("instance_types", priced.stream().map(Instance::instanceType).toList());
        details.put("hourly_cost", Money.round(hourly, 4));
        Map<String, Object> improvement = new LinkedHashMap<>();
        improvement.put("monthly_cost_before", Money.monthly(hourly));
        improvement.put("monthly_cost_after", 0.0);
        improvement.put("idle_instances", ids.size());
        return Optional.of(new Recommendation(TYPE, "Terminate " + ids.size() + " idle instance(s)", Risk.LOW,
                hourly * Money.HOURS_PER_MONTH, improvement, ids, details));
    }
}
