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
 * Continuous-batching headroom: a busy deployment (GPU utilisation above 60 %) that admits fewer than 128 concurrent
 * sequences gets max_num_seqs raised to the tuned value when that improves the predicted p95 by at least 10 %.
 */
public final class Batching {
    public static final String TYPE = "batching_optimization";
    public static final int MIN_SEQS = 128;
    public static final double MIN_GPU_UTILIZATION = 0.6;

    private Batching() {}

    public static Optional<Recommendation> evaluate(Deployment d, double gpuUtilization, Prediction before,
                                                    WhatIf whatIf) {
        VllmSettings current = d.vllmConfig();
        if (current.maxNumSeqs() >= MIN_SEQS || gpuUtilization <= MIN_GPU_UTILIZATION) {
            return Optional.empty();
        }
        VllmSettings batched = current.withMaxNumSeqs(VllmSettings.TUNED.maxNumSeqs());
        Prediction after = whatIf.predict(Map.of("vllm_config", batched.toMap()));
        if (LatencyFigures.improvement(before, after) < LatencyFigures.MIN_IMPROVEMENT) {
            return Optional.empty();
        }
        Map<String, Object> improvement = LatencyFigures.figures(before, after);
        improvement.put("gpu_utilization_before", gpuUtilization);
        improvement.put("gpu_utilization_after", after.gpuUtilization());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("deployment_id", d.id());
        details.put("vllm_config", batched.toMap());
        details.put("previous_vllm_config", current.toMap());
        return Optional.of(new Recommendation(TYPE,
                "Raise max_num_seqs of " + d.id() + " to " + batched.maxNumSeqs(),
                Risk.LOW, 0.0, // a reversible config change, rolled out behind canary gates
                improvement, List.of(d.id()), details));
    }
}
