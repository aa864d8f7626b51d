package io.optiinfra.agents.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fair share of one agent's workers between customers: one customer may hold at most {@code maxPerCustomer} of them
 * at once (by default all workers but one), so a customer flooding the agent with long tasks cannot starve another
 * customer's analysis. A task over its customer's share is not claimed: its stream entry stays pending and the
 * consumer's periodic take-over (XAUTOCLAIM) offers it again once it has been idle for task.claim.idle.ms.
 */
public final class CustomerShare {
    private final int maxPerCustomer;
    private final Map<String, Integer> held = new ConcurrentHashMap<>();

    public CustomerShare(int maxPerCustomer) {
        this.maxPerCustomer = Math.max(1, maxPerCustomer);
    }

    /** The default share for an agent with {@code workers} workers: all but one, at least one. */
    public static CustomerShare forWorkers(int workers) {
        return new CustomerShare(workers - 1);
    }

    /** Takes a worker for {@code customerId}; false when the customer already holds its share. */
    public boolean tryAcquire(String customerId) {
        if (customerId == null) {
            return true;
        }
        boolean[] acquired = new boolean[1];
        held.compute(customerId, (id, count) -> {
            int current = count == null ? 0 : count;
            acquired[0] = current < maxPerCustomer;
            return acquired[0] ? current + 1 : (current == 0 ? null : current);
        });
        return acquired[0];
    }

    public void release(String customerId) {
        if (customerId != null) {
            held.computeIfPresent(customerId, (id, count) -> count <= 1 ? null : count - 1);
        }
    }

    public int held(String customerId) {
        return held.getOrDefault(customerId, 0);
    }
}
