package io.optiinfra;

import io.optiinfra.agents.AgentMain;
import io.optiinfra.cloudsim.CloudSimulatorApp;
import io.optiinfra.collector.CollectorApp;
import io.optiinfra.orchestrator.OrchestratorApp;
import io.optiinfra.portal.PortalApp;

/** One entry point for every platform process; the first argument picks the role. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        String role = args.length > 0 ? args[0] : "";
        switch (role) {
            case "orchestrator" -> OrchestratorApp.start();
            case "cloud-simulator" -> CloudSimulatorApp.start();
            case "collector" -> CollectorApp.start();
            case "portal" -> PortalApp.start();
            case "cost-agent", "performance-agent", "resource-agent", "application-agent" -> AgentMain.start(role);
            default -> {
                System.err.println("usage: Main <orchestrator|cloud-simulator|collector|cost-agent|performance-agent|resource-agent|application-agent|portal>");
                System.exit(2);
            }
        }
    }
}
