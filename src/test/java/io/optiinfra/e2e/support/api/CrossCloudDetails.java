package io.optiinfra.e2e.support.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * {@code details} of a {@code cross_cloud_workload_placement} recommendation (docs/internal-api.md). Boxed numbers so
 * a field the platform omits reads null and fails the assertion on it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CrossCloudDetails(
        @JsonProperty("deployment_id") String deploymentId,
        @JsonProperty("from_cloud") String fromCloud,
        @JsonProperty("target_cloud") String targetCloud,
        @JsonProperty("target_region") String targetRegion,
        @JsonProperty("target_instance_type") String targetInstanceType,
        @JsonProperty("target_count") Integer targetCount,
        @JsonProperty("instance_ids") List<String> instanceIds,
        @JsonProperty("gross_savings") Double grossSavings,
        @JsonProperty("egress_cost_monthly") Double egressCostMonthly,
        @JsonProperty("data_transfer_gb_month") Double dataTransferGbMonth,
        @JsonProperty("egress_price_per_gb") Double egressPricePerGb) {}
