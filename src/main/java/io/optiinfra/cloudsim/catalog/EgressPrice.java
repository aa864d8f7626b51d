package io.optiinfra.cloudsim.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Data-transfer price in USD per GB from one cloud to another. */
public record EgressPrice(
        @JsonProperty("from_cloud") String fromCloud,
        @JsonProperty("to_cloud") String toCloud,
        @JsonProperty("price_per_gb") double pricePerGb) {
}
