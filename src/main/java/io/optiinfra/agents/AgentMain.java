package io.optiinfra.agents;

import io.optiinfra.agents.application.ApplicationAgent;
import io.optiinfra.agents.cost.CostAgent;
import io.optiinfra.agents.performance.PerformanceAgent;
import io.optiinfra.agents.resource.ResourceAgent;
import io.optiinfra.agents.runtime.AgentHandler;
import io.optiinfra.agents.runtime.AgentRuntime;
import io.optiinfra.agents.shared.AgentServices;

/** Entry point of the four agent processes: the role picks the handler, the runtime does the rest. */
public final class AgentMain {
    private AgentMain() {}

    public static AgentRuntime start(String role) {
        return AgentRuntime.start(handler(role, AgentServices.fromConfig()), role);
    }

    static AgentHandler handler(String role, AgentServices services) {
        return switch (role) {
            case "cost-agent" -> new CostAgent(services);
            case "performance-agent" -> new PerformanceAgent(services);
            case "resource-agent" -> new ResourceAgent(services);
            case "application-agent" -> new ApplicationAgent(services);
            default -> throw new IllegalArgumentException("unknown agent role '" + role
                    + "' (cost-agent, performance-agent, resource-agent, application-agent)");
        };
    }
}
