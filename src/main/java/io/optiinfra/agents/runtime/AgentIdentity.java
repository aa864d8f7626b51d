package io.optiinfra.agents.runtime;

/** The agent id the orchestrator issued; consumers wait on it while the agent is (re-)registering. */
public final class AgentIdentity {
    private String agentId;

    public synchronized String current() {
        return agentId;
    }

    public synchronized boolean registered() {
        return agentId != null;
    }

    public synchronized void set(String id) {
        agentId = id;
        notifyAll();
    }

    /** Forgets the id only if it is still {@code staleId} (a heartbeat answered 404 for it). */
    public synchronized boolean invalidate(String staleId) {
        if (agentId != null && agentId.equals(staleId)) {
            agentId = null;
            return true;
        }
        return false;
    }

    /** Waits until registered; null when the wait timed out. */
    public synchronized String await(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (agentId == null) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return null;
            }
            wait(left);
        }
        return agentId;
    }
}
