package io.optiinfra.agents.performance;

import io.optiinfra.agents.shared.Deployment;
import io.optiinfra.agents.shared.Money;
import io.optiinfra.agents.shared.Prediction;
import io.optiinfra.agents.shared.Recommendation;
import io.optiinfra.agents.shared.Risk;
import io.optiinfra.agents.shared.WhatIf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** FP16 → FP8: recommended when the predicted quality drop stays under 5 % and the predicted p95 improves. */
public final class QuantizationChange {
    public static final String TYPE = "quantization";
    public static final double MAX_QUALITY_DROP = 0.05;

    private QuantizationChange() {}

    public static Optional<Recommendation> evaluate(Deployment d, Prediction before, WhatIf whatIf) {
        if (!"fp16".equals(d.quantization())) {
            return Optional.empty();
        }
        Prediction after = whatIf.predict(Map.of("quantization", "fp8"));
        double drop = before.qualityScore() > 0
                ? (before.qualityScore() - after.qualityScore()) / before.qualityScore() : 1.0;
        if (drop >= MAX_QUALITY_DROP || after.latencyP95Ms() >= before.latencyP95Ms()) {
            return Optional.empty();
        }
        Map<String, Object> improvement = LatencyFigures.figures(before, after);
        improvement.put("quality_before", before.qualityScore());
        improvement.put("quality_after", after.qualityScore());
        improvement.put("quality_drop_pct", Money.round(drop * 100, 2));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("deployment_id", d.id());
        details.put("quantization", "fp8");
        details.put("previous_quantization", d.quantization());
        return Optional.of(new Recommendation(TYPE, "Quantize " + d.id() + " from FP16 to FP8",
                drop <= 0.02 ? Risk.LOW : Risk.MEDIUM, 0.0, improvement, List.of(d.id()), details));
    }
}
