package io.optiinfra.agents.performance;

import io.optiinfra.agents.shared.Money;
import io.optiinfra.agents.shared.Prediction;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code estimated_improvement} of a latency change and the shared "is it worth it" bar. */
final class LatencyFigures {
    /** A tuning change is recommended when it cuts the predicted p95 by at least this share. */
    static final double MIN_IMPROVEMENT = 0.10;

    private LatencyFigures() {}

    static double improvement(Prediction before, Prediction after) {
        return before.latencyP95Ms() > 0 ? (before.latencyP95Ms() - after.latencyP95Ms()) / before.latencyP95Ms() : 0;
    }

    static Map<String, Object> figures(Prediction before, Prediction after) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("latency_p95_ms_before", before.latencyP95Ms());
        m.put("latency_p95_ms_after", after.latencyP95Ms());
        m.put("latency_p99_ms_before", before.latencyP99Ms());
        m.put("latency_p99_ms_after", after.latencyP99Ms());
        m.put("speedup", after.latencyP95Ms() > 0 ? Money.round(before.latencyP95Ms() / after.latencyP95Ms(), 3) : 0);
        return m;
    }
}
