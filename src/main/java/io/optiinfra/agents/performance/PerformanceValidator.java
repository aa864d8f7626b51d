package io.optiinfra.agents.performance;

import io.optiinfra.agents.runtime.MalformedTask;
import io.optiinfra.agents.runtime.Task;
import io.optiinfra.agents.runtime.TaskOutcome;
import io.optiinfra.agents.shared.AgentServices;
import io.optiinfra.agents.shared.CustomerContext;
import io.optiinfra.agents.shared.Deployment;
import io.optiinfra.agents.shared.Prediction;
import io.optiinfra.agents.shared.ReviewedRecommendation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code validate_recommendation} for the Performance agent: predict the change, compare with the SLO, post it. */
final class PerformanceValidator {
    private final AgentServices services;

    PerformanceValidator(AgentServices services) {
        this.services = services;
    }

    TaskOutcome validate(Task task) throws MalformedTask {
        ReviewedRecommendation rec = ReviewedRecommendation.forTask(services, task);
        CustomerContext context = services.context(task.customerId());
        String deploymentId = rec.deploymentId(context);
        Map<String, Object> validation = new LinkedHashMap<>();
        validation.put("agent_type", "performance");
        Optional<Deployment> deployment = deploymentId == null ? Optional.empty() : context.deployment(deploymentId);
        if (deploymentId == null) {
            validation.put("approved", true);
            validation.put("reason", rec.type() + " touches no deployment: serving latency is unchanged");
        } else if (deployment.isEmpty() || !deployment.get().hasSlo()) {
            validation.put("approved", false);
            validation.put("reason", "deployment " + deploymentId + " is not in the inventory (or has no SLO)");
        } else {
            Prediction predicted = services.whatIf(task.customerId(), deploymentId)
                    .predict(ChangeValidation.changes(rec.type(), rec.details()));
            ChangeValidation.Verdict verdict = ChangeValidation.judge(rec.type(), predicted.latencyP95Ms(),
                    deployment.get().sloP95Ms());
            validation.put("approved", verdict.approved());
            validation.put("reason", verdict.reason());
            validation.put("predicted_p95_ms", predicted.latencyP95Ms());
        }
        services.postValidation(rec.id(), validation);
        Map<String, Object> result = new LinkedHashMap<>(validation);
        result.put("recommendation_id", rec.id());
        return new TaskOutcome(List.of(), result);
    }
}
