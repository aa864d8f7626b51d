package io.optiinfra.agents.application;

import io.optiinfra.agents.runtime.AgentHandler;
import io.optiinfra.agents.runtime.MalformedTask;
import io.optiinfra.agents.runtime.Task;
import io.optiinfra.agents.runtime.TaskOutcome;
import io.optiinfra.agents.runtime.TaskParameters;
import io.optiinfra.agents.shared.AgentServices;
import io.optiinfra.agents.shared.Baseline;
import io.optiinfra.agents.shared.CustomerContext;
import io.optiinfra.agents.shared.Deployment;
import io.optiinfra.agents.shared.Results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Application agent: quality baselines and regression detection (no recommendations; findings go into the
 * task result), and the quality side of validating cost/resource recommendations. {@code application} establishes
 * missing baselines and checks the others; it never moves an existing baseline, which would hide a regression.
 */
public final class ApplicationAgent implements AgentHandler {
    private static final List<String> CAPABILITIES = List.of("application", "quality_baseline",
            "regression_detection", TaskParameters.VALIDATE_RECOMMENDATION);

    private final AgentServices services;
    private final ApplicationValidator validator;

    public ApplicationAgent(AgentServices services) {
        this.services = services;
        this.validator = new ApplicationValidator(services, this);
    }

    @Override
    public String agentType() {
        return "application";
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
        CustomerContext context = services.context(task.customerId());
        List<Deployment> deployments = context.selected(task.parameters().deploymentId());
        Map<String, Baseline> existing = baselinesByDeployment(task.customerId());
        boolean establishAll = "quality_baseline".equals(task.analysisType());
        boolean detect = !establishAll;
        boolean establishMissing = !"regression_detection".equals(task.analysisType());

        List<Map<String, Object>> established = new ArrayList<>();
        List<Map<String, Object>> regressions = new ArrayList<>();
        List<String> withoutBaseline = new ArrayList<>();
        for (Deployment d : deployments) {
            Baseline baseline = existing.get(d.id());
            if (establishAll || (establishMissing && baseline == null)) {
                established.add(wire(establish(task, d.id())));
            } else if (baseline == null) {
                withoutBaseline.add(d.id());
            } else if (detect) {
                double current = services.observed(task.customerId(), d.id(), task.parameters().lookbackMinutes())
                        .qualityScore();
                QualityBaselines.detect(baseline, current).ifPresent(r -> regressions.add(r.toWire()));
            }
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("baselines_established", established);
        if (detect) {
            extra.put("regressions", regressions);
            extra.put("deployments_without_baseline", withoutBaseline);
        }
        return Results.analysis(task, context, deployments.size(), List.of(), extra);
    }

    /** Measures and stores the baseline of one deployment. */
    Baseline establish(Task task, String deploymentId) {
        Baseline baseline = QualityBaselines.baseline(deploymentId,
                services.observed(task.customerId(), deploymentId, task.parameters().lookbackMinutes()));
        services.putBaseline(task.customerId(), baseline);
        return baseline;
    }

    Map<String, Baseline> baselinesByDeployment(String customerId) {
        return services.baselines(customerId).stream()
                .collect(Collectors.toMap(Baseline::deploymentId, Function.identity(), (a, b) -> b));
    }

    private static Map<String, Object> wire(Baseline b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deployment_id", b.deploymentId());
        m.put("baseline", b.baseline());
        m.put("samples", b.samples());
        return m;
    }
}
