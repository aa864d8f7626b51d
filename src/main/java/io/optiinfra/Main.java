package io.optiinfra;

import io.optiinfra.cloudsim.CloudSimulatorApp;
import io.optiinfra.orchestrator.OrchestratorApp;

/** One entry point for every platform process; the first argument picks the role. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        String role = args.length > 0 ? args[0] : "";
        switch (role) {
            case "orchestrator" -> OrchestratorApp.start();
            case "cloud-simulator" -> CloudSimulatorApp.start();
            default -> {
                System.err.println("usage: Main <orchestrator|cloud-simulator>");
                System.exit(2);
            }
        }
    }
}
