package io.optiinfra.orchestrator.optimizations;

/** A rollout step or gate failed: the engine rolls the optimization back. */
public class StepFailed extends RuntimeException {
    public StepFailed(String message) {
        super(message);
    }
}
