package io.optiinfra.agents.runtime;

/** A claimed task with validated parameters. */
public record Task(String taskId, String customerId, String analysisType, TaskParameters parameters, int attempt) {
}
