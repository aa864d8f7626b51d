package io.optiinfra.store;

import java.time.Instant;

/** One sample of a customer's time series, as stored in ClickHouse. */
public record MetricPoint(String customerId, String metricType, String resourceId, Instant timestamp, double value,
                          String labels) {
}
