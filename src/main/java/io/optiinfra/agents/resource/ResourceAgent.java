package io.optiinfra.agents.resource;

import io.optiinfra.agents.runtime.AgentHandler;
import io.optiinfra.agents.runtime.MalformedTask;
import io.optiinfra.agents.runtime.Task;
import io.optiinfra.agents.runtime.TaskOutcome;
import io.optiinfra.agents.shared.AgentServices;
import io.optiinfra.agents.shared.CustomerContext;
import io.optiinfra.agents.shared.Deployment;
import io.optiinfra.agents.shared.Instance;
import io.optiinfra.agents.shared.PriceBook;
import io.optiinfra.agents.shared.Recommendation;
import io.optiinfra.agents.shared.Results;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The Resource agent: GPU consolidation and idle-capacity cleanup ({@code resource} runs both). */
public final class ResourceAgent implements AgentHandler {
    private static final List<String> CAPABILITIES = List.of("resource", Consolidation.TYPE, IdleCleanup.TYPE);

    private final AgentServices services;

    public ResourceAgent(AgentServices services) {
        this.services = services;
    }

    @Override
    public String agentType() {
        return "resource";
    }

    @Override
    public List<String> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public TaskOutcome handle(Task task) throws MalformedTask {
        Set<String> kinds = "resource".equals(task.analysisType())
                ? Set.of(Consolidation.TYPE, IdleCleanup.TYPE) : Set.of(task.analysisType());
        CustomerContext context = services.context(task.customerId());
        PriceBook prices = services.prices();
        List<Recommendation> recommendations = new ArrayList<>();
        // Idle instances belong to no deployment, so a deployment_id filter does not narrow them.
        if (kinds.contains(IdleCleanup.TYPE) && task.parameters().deploymentId() == null) {
            IdleCleanup.evaluate(context.unattachedRunning(), prices).ifPresent(recommendations::add);
        }
        List<Deployment> deployments = context.selected(task.parameters().deploymentId());
        if (kinds.contains(Consolidation.TYPE)) {
            for (Deployment d : deployments) {
                List<Instance> running = context.runningInstancesOf(d);
                if (running.size() < 2) {
                    continue;
                }
                double gpu = services.observed(task.customerId(), d.id(), task.parameters().lookbackMinutes())
                        .gpuUtilization();
                Consolidation.evaluate(d, running, gpu, prices, services.whatIf(task.customerId(), d.id()))
                        .ifPresent(recommendations::add);
            }
        }
        return Results.analysis(task, context, deployments.size(), recommendations);
    }
}
