package io.optiinfra.agents.cost;

import io.optiinfra.agents.shared.Money;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code estimated_improvement} of a cost change: monthly cost before and after, and the saving in percent. */
final class CostFigures {
    private CostFigures() {}

    static Map<String, Object> improvement(double hourlyBefore, double hourlyAfter) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("monthly_cost_before", Money.monthly(hourlyBefore));
        m.put("monthly_cost_after", Money.monthly(hourlyAfter));
        m.put("savings_pct", hourlyBefore > 0 ? Money.round((hourlyBefore - hourlyAfter) / hourlyBefore * 100, 1) : 0);
        return m;
    }
}
