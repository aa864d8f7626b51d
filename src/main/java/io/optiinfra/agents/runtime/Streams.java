package io.optiinfra.agents.runtime;

/** Redis names of the task streams (docs/internal-api.md, "Task streams"). */
public final class Streams {
    private Streams() {}

    public static String stream(String agentType) {
        return "optiinfra:tasks:" + agentType;
    }

    public static String group(String agentType) {
        return "optiinfra-" + agentType + "-agents";
    }
}
