package io.optiinfra.agents.performance;

import io.optiinfra.agents.runtime.AgentHandler;
import io.optiinfra.agents.runtime.MalformedTask;
import io.optiinfra.agents.runtime.Task;
import io.optiinfra.agents.runtime.TaskOutcome;
import io.optiinfra.agents.runtime.TaskParameters;
import io.optiinfra.agents.shared.AgentServices;
import io.optiinfra.agents.shared.CustomerContext;
import io.optiinfra.agents.shared.Deployment;
import io.optiinfra.agents.shared.Prediction;
import io.optiinfra.agents.shared.Recommendation;
import io.optiinfra.agents.shared.Results;
import io.optiinfra.agents.shared.WhatIf;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Performance agent: KV-cache tuning, quantization and batching ({@code performance} runs all three), and the
 * latency validation of cost/resource recommendations. "Before" figures are the simulator's prediction of the
 * deployment as it is, so before and after come from the same model under the same faults.
 */
public final class PerformanceAgent implements AgentHandler {
    private static final List<String> CAPABILITIES = List.of("performance", KvCacheTuning.TYPE,
            QuantizationChange.TYPE, Batching.TYPE, TaskParameters.VALIDATE_RECOMMENDATION);

    private final AgentServices services;
    private final PerformanceValidator validator;

    public PerformanceAgent(AgentServices services) {
        this.services = services;
        this.validator = new PerformanceValidator(services);
    }

    @Override
    public String agentType() {
        return "performance";
    }

    @Override
    public List<String> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public TaskOutcome handle(Task task) throws MalformedTask {
        if (TaskParameters.VALIDATE_RECOMMENDATION.equals(task.analysisType())) {
            return validator.validate(task);
        }
        Set<String> kinds = "performance".equals(task.analysisType())
                ? Set.of(KvCacheTuning.TYPE, QuantizationChange.TYPE, Batching.TYPE) : Set.of(task.analysisType());
        CustomerContext context = services.context(task.customerId());
        List<Deployment> deployments = context.selected(task.parameters().deploymentId());
        List<Recommendation> recommendations = new ArrayList<>();
        for (Deployment d : deployments) {
            if (context.runningInstancesOf(d).isEmpty()) {
                continue; // nothing serves it: no latency to improve
            }
            WhatIf whatIf = services.whatIf(task.customerId(), d.id());
            Prediction before = whatIf.predict(java.util.Map.of());
            if (kinds.contains(KvCacheTuning.TYPE)) {
                KvCacheTuning.evaluate(d, before, whatIf).ifPresent(recommendations::add);
            }
            if (kinds.contains(QuantizationChange.TYPE)) {
                QuantizationChange.evaluate(d, before, whatIf).ifPresent(recommendations::add);
            }
            if (kinds.contains(Batching.TYPE)) {
                double gpu = services.observed(task.customerId(), d.id(), task.parameters().lookbackMinutes())
                        .gpuUtilization();
                Batching.evaluate(d, gpu, before, whatIf).ifPresent(recommendations::add);
            }
        }
        return Results.analysis(task, context, deployments.size(), recommendations);
    }
}
