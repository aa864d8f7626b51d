package io.optiinfra.orchestrator.tasks;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Names of the Redis task streams and the routing of analysis types to agent types (docs/internal-api.md). */
public final class TaskStreams {
    public static final String DEAD_LETTER = "optiinfra:tasks:dead-letter";
    public static final String VALIDATE = "validate_recommendation";

    private static final Map<String, String> ROUTES = Map.ofEntries(
            Map.entry("cost", "cost"), Map.entry("spot_migration", "cost"), Map.entry("instance_rightsizing", "cost"),
            Map.entry("reserved_instances", "cost"), Map.entry("cross_cloud_workload_placement", "cost"),
            Map.entry("performance", "performance"), Map.entry("kv_cache_optimization", "performance"),
            Map.entry("quantization", "performance"), Map.entry("batching_optimization", "performance"),
            Map.entry("resource", "resource"), Map.entry("gpu_consolidation", "resource"),
            Map.entry("idle_resource_cleanup", "resource"),
            Map.entry("application", "application"), Map.entry("quality_baseline", "application"),
            Map.entry("regression_detection", "application"));

    private TaskStreams() {}

    public static String stream(String agentType) {
        return "optiinfra:tasks:" + agentType;
    }

    public static String group(String agentType) {
        return "optiinfra-" + agentType + "-agents";
    }

    /** The agent type an analysis type is routed to, or null when the type is unknown. */
    public static String agentFor(String analysisType) {
        return ROUTES.get(analysisType);
    }

    public static Set<String> analysisTypes() {
        return ROUTES.keySet();
    }

    /**
     * What an agent of this type may announce as capabilities: the analysis types routed to it, plus
     * {@link #VALIDATE} for the validators (performance and application, SPEC §6).
     */
    public static Set<String> capabilitiesOf(String agentType) {
        Set<String> own = new TreeSet<>();
        ROUTES.forEach((analysis, agent) -> {
            if (agent.equals(agentType)) {
                own.add(analysis);
            }
        });
        if (agentType.equals("performance") || agentType.equals("application")) {
            own.add(VALIDATE);
        }
        return own;
    }
}
