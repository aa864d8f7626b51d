package io.optiinfra.e2e.support.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One sample: an entry of {@code GET /customers/{id}/metrics} (SPEC §5) and, with {@code customer_id}, one element of
 * the collector's {@code POST /internal/metrics} batch.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MetricPoint(
        @JsonProperty("customer_id") String customerId,
        @JsonProperty("metric_type") String metricType,
        @JsonProperty("resource_id") String resourceId,
        @JsonProperty("value") Double value,
        @JsonProperty("timestamp") String timestamp) {

    /** {@code POST /internal/metrics} 202. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Ingested(@JsonProperty("inserted") Integer inserted) {}
}
