package io.optiinfra.orchestrator.optimizations;

import io.optiinfra.orchestrator.events.EventBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs a rollout step by step, persisting each transition and publishing it; a failed step or gate rolls back:
 * completed steps undone in reverse, then the cloud compared with the snapshot taken before the first step.
 */
final class RolloutEngine {
    private static final Logger LOG = LoggerFactory.getLogger(RolloutEngine.class);

    /** What the caller does when the rollout ends (outcome, learning, recommendation status). */
    record Ending(boolean success, String error, boolean originalStateRestored, long rollbackMillis) {}

    private final OptimizationStore store;
    private final EventBus events;

    RolloutEngine(OptimizationStore store, EventBus events) {
        this.store = store;
        this.events = events;
    }

    Ending run(RolloutState state, List<RolloutStep> steps, int firstStep, Map<String, Object> originalState) {
        for (int seq = firstStep; seq < steps.size(); seq++) {
            RolloutStep step = steps.get(seq);
            store.step(state.optimizationId, seq, "running", Map.of());
            publish(state, "optimization_step", Map.of("step", step.name(), "status", "running", "seq", seq));
            try {
                step.run().apply(state);
            } catch (RuntimeException e) {
                String error = step.name() + ": " + e.getMessage();
                LOG.warn("optimization {} failed at {}", state.optimizationId, error);
                store.step(state.optimizationId, seq, "failed", Map.of("error", String.valueOf(e.getMessage())));
                publish(state, "optimization_step", Map.of("step", step.name(), "status", "failed", "seq", seq,
                        "error", String.valueOf(e.getMessage())));
                return rollBack(state, steps, seq - 1, originalState, error);
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            Object gateChecks = state.notes.get(step.name() + ":" + step.recommendationId());
            if (gateChecks != null) {
                detail.put("gate", gateChecks);
            }
            store.step(state.optimizationId, seq, "completed", detail);
            store.progress(state.optimizationId, (seq + 1) * 100 / steps.size());
            publish(state, "optimization_step", Map.of("step", step.name(), "status", "completed", "seq", seq));
        }
        return new Ending(true, null, false, 0);
    }

    /** Undoes steps lastCompleted..0 in reverse and checks the cloud is back to the snapshot. */
    Ending rollBack(RolloutState state, List<RolloutStep> steps, int lastCompleted, Map<String, Object> originalState,
                    String error) {
        long start = System.nanoTime();
        store.status(state.optimizationId, "rolling_back");
        publish(state, "rollback_started", Map.of("reason", error));
        for (int seq = lastCompleted; seq >= 0; seq--) {
            RolloutStep step = steps.get(seq);
            try {
                step.undo().apply(state);
                store.step(state.optimizationId, seq, "rolled_back", Map.of("undone", step.undoable()));
                publish(state, "optimization_step", Map.of("step", step.name(), "status", "rolled_back", "seq", seq));
            } catch (RuntimeException e) {
                LOG.error("undo of {} failed for optimization {}", step.name(), state.optimizationId, e);
                store.step(state.optimizationId, seq, "failed", Map.of("undo_error", String.valueOf(e.getMessage())));
            }
        }
        boolean restored = Snapshot.matches(originalState, Snapshot.take(state.cloud, deployments(originalState)),
                state.createdInstances(), mismatch -> LOG.warn("optimization {} not restored: {}", state.optimizationId,
                        mismatch));
        long millis = (System.nanoTime() - start) / 1_000_000;
        publish(state, "rollback_completed", Map.of("original_state_restored", restored, "duration_ms", millis));
        return new Ending(false, error, restored, millis);
    }

    private void publish(RolloutState state, String type, Map<String, Object> payload) {
        Map<String, Object> body = new LinkedHashMap<>(payload);
        body.put("optimization_id", state.optimizationId.toString());
        events.publish(state.customerId, type, "orchestrator", body);
    }

    @SuppressWarnings("unchecked")
    private static List<String> deployments(Map<String, Object> snapshot) {
        return ((Map<String, Object>) snapshot.getOrDefault("deployments", Map.of())).keySet().stream().toList();
    }


}
