package io.optiinfra.cloudsim.accounts;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.optiinfra.cloudsim.catalog.Catalog;
import io.optiinfra.cloudsim.catalog.Money;
import io.optiinfra.cloudsim.instances.Instance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /accounts/{cid}/summary}: the cost of the running instances, in total and per cloud. */
public record Summary(
        @JsonProperty("customer_id") String customerId,
        @JsonProperty("hourly_cost") double hourlyCost,
        @JsonProperty("monthly_cost") double monthlyCost,
        @JsonProperty("instances_running") int instancesRunning,
        @JsonProperty("by_cloud") Map<String, CloudCost> byCloud) {

    public record CloudCost(
            @JsonProperty("hourly_cost") double hourlyCost,
            @JsonProperty("monthly_cost") double monthlyCost,
            @JsonProperty("instances_running") int instancesRunning) {

        static CloudCost of(List<Instance> running) {
            double hourly = running.stream().mapToDouble(Instance::hourlyPrice).sum();
            return new CloudCost(Money.round(hourly, 4), Money.monthly(hourly), running.size());
        }
    }

    static Summary of(String customerId, List<Instance> running) {
        Map<String, CloudCost> byCloud = new LinkedHashMap<>();
        for (String cloud : Catalog.CLOUDS) {
            byCloud.put(cloud, CloudCost.of(running.stream().filter(i -> i.cloud().equals(cloud)).toList()));
        }
        CloudCost total = CloudCost.of(running);
        return new Summary(customerId, total.hourlyCost(), total.monthlyCost(), total.instancesRunning(), byCloud);
    }
}
