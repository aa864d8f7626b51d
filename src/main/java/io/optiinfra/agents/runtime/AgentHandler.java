package io.optiinfra.agents.runtime;

import java.util.List;

/** The business side of an agent: what it can analyse and how. The runtime does everything else. */
public interface AgentHandler {
    /** {@code cost}, {@code performance}, {@code resource} or {@code application}. */
    String agentType();

    /** The analysis types this agent accepts; anything else is a malformed task. */
    List<String> capabilities();

    /**
     * Runs one claimed task. Throw {@link MalformedTask} for a payload that can never succeed (permanent failure);
     * any other exception is transient and the task is retried.
     */
    TaskOutcome handle(Task task) throws Exception;
}
