package io.optiinfra.agents.performance;

import io.optiinfra.agents.shared.Deployment;
import io.optiinfra.agents.shared.Prediction;
import io.optiinfra.agents.shared.Recommendation;
import io.optiinfra.agents.shared.Risk;
import io.optiinfra.agents.shared.VllmSettings;
import io.optiinfra.agents.shared.WhatIf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * KV-cache tuning: when the deployment runs below the tuned vLLM settings (0.9 / 256 / 32), predict with them and
 * recommend when the predicted p95 improves by at least 10 %.
 */
public final class KvCacheTuning {
    public static final String TYPE = "kv_cache_optimization";

    private KvCacheTuning() {}

    public static Optional<Recommendation> evaluate(Deployment d, Prediction before, WhatIf whatIf) {
        VllmSettings current = d.vllmConfig();
        if (current.isTuned()) {
            return Optional.empty();
        }
        VllmSettings tuned = current.tuned();
        Prediction after = whatIf.predict(Map.of("vllm_config", tuned.toMap()));
        if (LatencyFigures.improvement(before, after) < LatencyFigures.MIN_IMPROVEMENT) {
            return Optional.empty();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("deployment_id", d.id());
        details.put("vllm_config", tuned.toMap());
        details.put("previous_vllm_config", current.toMap());
        return Optional.of(new Recommendation(TYPE, "Tune the KV cache of " + d.id(),
                Risk.LOW, 0.0, // a reversible config change, rolled out behind canary gates
                LatencyFigures.figures(before, after), List.of(d.id()), details));
    }
}
