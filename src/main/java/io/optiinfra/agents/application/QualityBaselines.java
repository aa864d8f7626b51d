package io.optiinfra.agents.application;

import io.optiinfra.agents.shared.Baseline;
import io.optiinfra.agents.shared.Money;
import io.optiinfra.agents.shared.Observed;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Quality baselines and regressions: a regression is recent quality below 95 % of the baseline (SPEC §6 gate). */
public final class QualityBaselines {
    public static final double MIN_SHARE_OF_BASELINE = 0.95;

    /** One detected regression, in the wire shape of the task result. */
    public record Regression(String deploymentId, double baseline, double current, double dropPct) {
        public Map<String, Object> toWire() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("deployment_id", deploymentId);
            m.put("baseline", baseline);
            m.put("current", current);
            m.put("drop_pct", dropPct);
            return m;
        }
    }

    private QualityBaselines() {}

    /** The baseline is the average quality of the deployment's recent telemetry. */
    public static Baseline baseline(String deploymentId, Observed observed) {
        return new Baseline(deploymentId, Money.round(observed.qualityScore(), 5), observed.qualitySamples());
    }

    public static Optional<Regression> detect(Baseline baseline, double currentQuality) {
        if (baseline.baseline() <= 0 || currentQuality >= MIN_SHARE_OF_BASELINE * baseline.baseline()) {
            return Optional.empty();
        }
        double dropPct = (baseline.baseline() - currentQuality) / baseline.baseline() * 100;
        return Optional.of(new Regression(baseline.deploymentId(), baseline.baseline(),
                Money.round(currentQuality, 5), Money.round(dropPct, 2)));
    }
}
