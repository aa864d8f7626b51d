package io.optiinfra;

import io.optiinfra.orchestrator.OrchestratorApp;

/** One entry point for every platform process; the first argument picks the role. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        String role = args.length > 0 ? args[0] : "";
        switch (role) {
            case "orchestrator" -> OrchestratorApp.start();
            default -> {
                System.err.println("usage: Main <orchestrator>");
                System.exit(2);
            }
        }
    }
}
