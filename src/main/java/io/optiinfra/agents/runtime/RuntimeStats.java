package io.optiinfra.agents.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** What the heartbeat reports: tasks in flight, load, and whether the task stream is reachable. */
public final class RuntimeStats {
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final int workers;
    private volatile boolean streamHealthy = true;

    public RuntimeStats(int workers) {
        this.workers = Math.max(1, workers);
    }

    /** Marks a task as being handled here; false when another worker of this agent already has it. */
    public boolean begin(String taskId) {
        return inFlight.add(taskId);
    }

    public void end(String taskId) {
        inFlight.remove(taskId);
    }

    public int currentTasks() {
        return inFlight.size();
    }

    public void streamHealthy(boolean healthy) {
        streamHealthy = healthy;
    }

    public Map<String, Object> heartbeat() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", streamHealthy ? "active" : "degraded");
        body.put("current_tasks", currentTasks());
        body.put("load", Math.min(1.0, (double) currentTasks() / workers));
        return body;
    }
}
