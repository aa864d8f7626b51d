package io.optiinfra.agents.application;

import io.optiinfra.agents.runtime.MalformedTask;
import io.optiinfra.agents.runtime.Task;
import io.optiinfra.agents.runtime.TaskOutcome;
import io.optiinfra.agents.shared.AgentServices;
import io.optiinfra.agents.shared.Baseline;
import io.optiinfra.agents.shared.CustomerContext;
import io.optiinfra.agents.shared.Deployment;
import io.optiinfra.agents.shared.ReviewedRecommendation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code validate_recommendation} for the Application agent: make sure a quality baseline exists for what the change
 * touches (so the rollout gates have something to compare with), then approve. A change that touches no deployment
 * (idle cleanup) is covered by baselines for all the customer's deployments.
 */
final class ApplicationValidator {
    private final AgentServices services;
    private final ApplicationAgent agent;

    ApplicationValidator(AgentServices services, ApplicationAgent agent) {
        this.services = services;
        this.agent = agent;
    }

    TaskOutcome validate(Task task) throws MalformedTask {
        ReviewedRecommendation rec = ReviewedRecommendation.forTask(services, task);
        CustomerContext context = services.context(task.customerId());
        String deploymentId = rec.deploymentId(context);
        List<String> covered = deploymentId != null ? List.of(deploymentId)
                : context.deployments().stream().map(Deployment::id).toList();
        Map<String, Baseline> existing = agent.baselinesByDeployment(task.customerId());
        List<String> newlyEstablished = new ArrayList<>();
        for (String id : covered) {
            if (!existing.containsKey(id)) {
                agent.establish(task, id);
                newlyEstablished.add(id);
            }
        }
        Map<String, Object> validation = new LinkedHashMap<>();
        validation.put("agent_type", "application");
        validation.put("approved", true);
        validation.put("reason", reason(rec.type(), covered, newlyEstablished));
        validation.put("baseline_established", true);
        services.postValidation(rec.id(), validation);
        Map<String, Object> result = new LinkedHashMap<>(validation);
        result.put("recommendation_id", rec.id());
        result.put("baselines_covered", covered);
        result.put("baselines_newly_established", newlyEstablished);
        return new TaskOutcome(List.of(), result);
    }

    private static String reason(String type, List<String> covered, List<String> established) {
        if (covered.isEmpty()) {
            return type + ": no deployment affected, no quality baseline needed";
        }
        return type + ": quality baseline " + (established.isEmpty() ? "already in place" : "established")
                + " for " + String.join(", ", covered) + "; rollout gates hold quality at ≥ 95 % of it";
    }
}
