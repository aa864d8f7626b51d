package io.optiinfra.e2e.support.perf;

import org.HdrHistogram.Histogram;

import java.util.Locale;

/** What one load step measured for one route: latency percentiles (ms), request and error counts. */
public record LatencyFigures(String route, int rate, long requests, long errors, double p50, double p95, double p99,
                             double max) {

    static LatencyFigures of(String route, int rate, Histogram micros, long errors) {
        return new LatencyFigures(route, rate, micros.getTotalCount(), errors, ms(micros, 50), ms(micros, 95),
                ms(micros, 99), micros.getTotalCount() == 0 ? 0 : micros.getMaxValue() / 1000.0);
    }

    private static double ms(Histogram micros, double percentile) {
        return micros.getTotalCount() == 0 ? 0 : micros.getValueAtPercentile(percentile) / 1000.0;
    }

    /** The key a later run's figure is compared under. */
    public String key() {
        return route + " @" + rate + "/s";
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: n=%d errors=%d p50=%.1f p95=%.1f p99=%.1f max=%.1f ms", key(), requests,
                errors, p50, p95, p99, max);
    }
}
