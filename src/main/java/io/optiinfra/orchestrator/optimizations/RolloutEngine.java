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

    Ending run(RolloutState state, List<RolloutStep> steps, int firstStep, Snapshot originalState) {
        for (int seq = firstStep; seq < steps.size(); seq++) {
            RolloutStep step = steps.get(seq);
            // everything a step does — its records, its events, its cloud calls — is inside the rollback's scope
            try {
                store.step(state.optimizationId, seq, "running", Map.of());
                publish(state, "optimization_step", Map.of("step", step.name(), "status", "running", "seq", seq));
                step.run().apply(state);
                Map<String, Object> detail = new LinkedHashMap<>();
                Gate.Checks gateChecks = state.gateChecks.get(step.name() + ":" + step.recommendationId());
                if (gateChecks != null) {
                    detail.put("gate", gateChecks);
                }
                store.step(state.optimizationId, seq, "completed", detail);
                store.progress(state.optimizationId, (seq + 1) * 100 / steps.size());
                publish(state, "optimization_step", Map.of("step", step.name(), "status", "completed", "seq", seq));
            } catch (RuntimeException e) {
                String error = step.name() + ": " + e.getMessage();
                LOG.warn("optimization {} failed at {}", state.optimizationId, error);
                int failed = seq;
                recordQuietly(state, () -> store.step(state.optimizationId, failed,
                        "failed", Map.of("error", String.valueOf(e.getMessage()))));
                recordQuietly(state, () -> publish(state, "optimization_step", Map.of("step", step.name(), "status",
                        "failed", "seq", failed, "error", String.valueOf(e.getMessage()))));
                return rollBack(state, steps, seq - 1, originalState, error);
            }
        }
        return new Ending(true, null, false, 0);
    }

    /**
     * Undoes the step that failed (its effects may be partial: undo is idempotent), then steps lastCompleted..0 in
     * reverse, then reconciles the cloud with the snapshot (whatever an undo missed, e.g. an instance created by a
     * call whose answer never came) and checks it is back to the snapshot.
     */
    Ending rollBack(RolloutState state, List<RolloutStep> steps, int lastCompleted, Snapshot originalState,
                    String error) {
        long start = System.nanoTime();
        recordQuietly(state, () -> store.status(state.optimizationId, "rolling_back"));
        recordQuietly(state, () -> publish(state, "rollback_started", Map.of("reason", error)));
        int failedSeq = lastCompleted + 1;
        if (failedSeq < steps.size()) {
            RolloutStep failed = steps.get(failedSeq);
            try {
                failed.undo().apply(state);
            } catch (RuntimeException e) {
                LOG.warn("undo of the failed step {} of optimization {}: {}", failed.name(), state.optimizationId,
                        e.getMessage());
            }
        }
        for (int seq = lastCompleted; seq >= 0; seq--) {
            RolloutStep step = steps.get(seq);
            int undone = seq;
            try {
                step.undo().apply(state);
                store.step(state.optimizationId, seq, "rolled_back", Map.of("undone", step.undoable()));
                recordQuietly(state, () -> publish(state, "optimization_step", Map.of("step", step.name(), "status",
                        "rolled_back", "seq", undone)));
            } catch (RuntimeException e) {
                LOG.error("undo of {} failed for optimization {}", step.name(), state.optimizationId, e);
                recordQuietly(state, () -> store.step(state.optimizationId, undone, "failed",
                        Map.of("undo_error", String.valueOf(e.getMessage()))));
            }
        }
        boolean restored = false;
        for (int attempt = 1; attempt <= RECONCILE_ATTEMPTS && !restored; attempt++) {
            try {
                Snapshot.restore(state.cloud, originalState, state.createdInstances());
                restored = Snapshot.matches(originalState, Snapshot.take(state.cloud, originalState.deploymentIds()),
                        state.createdInstances(), mismatch -> LOG.warn("optimization {} not restored: {}",
                                state.optimizationId, mismatch));
            } catch (RuntimeException e) {
                LOG.warn("reconciling optimization {} with its snapshot (attempt {}): {}", state.optimizationId,
                        attempt, e.getMessage());
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        boolean wasRestored = restored;
        recordQuietly(state, () -> publish(state, "rollback_completed", Map.of("original_state_restored", wasRestored,
                "duration_ms", millis)));
        return new Ending(false, error, restored, millis);
    }

    /** Cloud faults during a rollback are transient more often than not: reconcile a few times before giving up. */
    static final int RECONCILE_ATTEMPTS = 3;

    /** A record or event a rollback makes on its way: retried by the store; logged, never fatal to the rollback. */
    private static void recordQuietly(RolloutState state, Runnable record) {
        try {
            OptimizationStore.durably("record of optimization " + state.optimizationId, record);
        } catch (RuntimeException e) {
            LOG.error("optimization {}: a record could not be written: {}", state.optimizationId, e.getMessage());
        }
    }

    private void publish(RolloutState state, String type, Map<String, Object> payload) {
        Map<String, Object> body = new LinkedHashMap<>(payload);
        body.put("optimization_id", state.optimizationId.toString());
        events.publish(state.customerId, type, "orchestrator", body);
    }
}
