package io.optiinfra.agents.cost;

import io.optiinfra.agents.runtime.AgentHandler;
import io.optiinfra.agents.runtime.MalformedTask;
import io.optiinfra.agents.runtime.Task;
import io.optiinfra.agents.runtime.TaskOutcome;
import io.optiinfra.agents.shared.AgentServices;
import io.optiinfra.agents.shared.CustomerContext;
import io.optiinfra.agents.shared.Deployment;
import io.optiinfra.agents.shared.EgressPrices;
import io.optiinfra.agents.shared.Instance;
import io.optiinfra.agents.shared.PriceBook;
import io.optiinfra.agents.shared.Recommendation;
import io.optiinfra.agents.shared.Results;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Cost agent: spot migration, right-sizing, reserved capacity and cross-cloud placement ({@code cost} runs all
 * four).
 */
public final class CostAgent implements AgentHandler {
    private static final List<String> CAPABILITIES = List.of("cost", SpotMigration.TYPE, Rightsizing.TYPE,
            ReservedInstances.TYPE, CrossCloudPlacement.TYPE);

    private final AgentServices services;

    public CostAgent(AgentServices services) {
        this.services = services;
    }

    @Override
    public String agentType() {
        return "cost";
    }

    @Override
    public List<String> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public TaskOutcome handle(Task task) throws MalformedTask {
        String analysis = task.analysisType();
        Set<String> kinds = "cost".equals(analysis)
                ? Set.of(SpotMigration.TYPE, Rightsizing.TYPE, ReservedInstances.TYPE, CrossCloudPlacement.TYPE)
                : Set.of(analysis);
        CustomerContext context = services.context(task.customerId());
        PriceBook prices = services.prices();
        List<Deployment> deployments = context.selected(task.parameters().deploymentId());
        EgressPrices egress = kinds.contains(CrossCloudPlacement.TYPE) ? services.egress() : null;
        List<Recommendation> recommendations = new ArrayList<>();
        for (Deployment d : deployments) {
            List<Instance> running = context.runningInstancesOf(d);
            if (kinds.contains(SpotMigration.TYPE)) {
                SpotMigration.evaluate(d, running, prices).ifPresent(recommendations::add);
            }
            if (kinds.contains(ReservedInstances.TYPE)) {
                ReservedInstances.evaluate(d, running, prices).ifPresent(recommendations::add);
            }
            if (kinds.contains(Rightsizing.TYPE) && !running.isEmpty()) {
                double gpu = services.observed(task.customerId(), d.id(), task.parameters().lookbackMinutes())
                        .gpuUtilization();
                Rightsizing.evaluate(d, running, gpu, prices, services.whatIf(task.customerId(), d.id()))
                        .ifPresent(recommendations::add);
            }
            if (kinds.contains(CrossCloudPlacement.TYPE)) {
                CrossCloudPlacement.evaluate(d, running, prices, egress, services.whatIf(task.customerId(), d.id()))
                        .ifPresent(recommendations::add);
            }
        }
        return Results.analysis(task, context, deployments.size(), recommendations);
    }
}
