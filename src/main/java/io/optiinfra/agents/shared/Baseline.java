package io.optiinfra.agents.shared;

/** A deployment's quality baseline as the orchestrator stores it. */
public record Baseline(String deploymentId, double baseline, long samples) {
}
