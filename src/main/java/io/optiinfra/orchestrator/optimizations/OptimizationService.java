package io.optiinfra.orchestrator.optimizations;

import io.optiinfra.common.Config;

import io.optiinfra.common.ApiException;
import io.optiinfra.common.client.JsonHttp;
import io.optiinfra.orchestrator.events.EventBus;
import io.optiinfra.orchestrator.learning.LearningService;
import io.optiinfra.orchestrator.recommendations.Recommendation;
import io.optiinfra.orchestrator.recommendations.RecommendationService;
import io.optiinfra.store.Postgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Approval and execution of recommendations. A rollout is admitted in one PostgreSQL transaction (recommendations
 * locked, the approval rule checked, the deployment reserved, statuses moved) and then run by the
 * {@link RolloutEngine} in the background; its end releases the deployment and feeds the learning loop.
 */
public final class OptimizationService {
    private static final Logger LOG = LoggerFactory.getLogger(OptimizationService.class);

    /** A rollout admitted (committed) and ready to run. */
    public record Admitted(UUID optimizationId, UUID customerId, List<PlannedChange> changes, List<RolloutStep> steps,
                           String kind) {}

    private final Postgres pg;
    private final RecommendationService recommendations;
    private final OptimizationStore store;
    private final RolloutPlanner planner;
    private final RolloutEngine engine;
    private final Gate gate;
    private final JsonHttp cloud;
    private final EventBus events;
    private final LearningService learning;
    /**
     * A rollout holds its thread through every soak (parked, no CPU), so the pool bounds how many rollouts run at once,
     * not how much work is done: with a handful of threads, one customer's soaking rollouts queued every other
     * customer's approved one behind them (docker mode, time scale 60: approvals waited 50 s before their first step).
     */
    private final ExecutorService workers = Executors.newFixedThreadPool(Config.getInt("rollout.workers", 64), r -> {
        Thread t = new Thread(r, "rollout");
        t.setDaemon(true);
        return t;
    });

    public OptimizationService(Postgres pg, RecommendationService recommendations, OptimizationWiring wiring,
                               EventBus events, LearningService learning) {
        this.pg = pg;
        this.recommendations = recommendations;
        this.store = wiring.store();
        this.planner = wiring.planner();
        this.engine = new RolloutEngine(store, events);
        this.gate = wiring.gate();
        this.cloud = wiring.cloud();
        this.events = events;
        this.learning = learning;
    }

    /** Approves a pending, fully validated recommendation of the tenant and starts its rollout. */
    public UUID approve(UUID recommendationId, Consumer<UUID> tenantCheck) {
        Admitted admitted = pg.inTransaction(c -> {
            Recommendation rec = recommendations.lock(c, recommendationId);
            tenantCheck.accept(rec.customerId());
            return admit(c, rec.customerId(), List.of(PlannedChange.of(rec)), List.of(), rec.type());
        });
        return launch(admitted);
    }

    /** Rejects a pending recommendation of the tenant; 409 once it is anything else. */
    public void reject(UUID recommendationId, Consumer<UUID> tenantCheck) {
        Recommendation rejected = pg.inTransaction(c -> {
            Recommendation rec = recommendations.lock(c, recommendationId);
            tenantCheck.accept(rec.customerId());
            rec.requirePending();
            recommendations.setStatus(c, List.of(rec.id()), "rejected");
            return rec;
        });
        publishRejected(rejected);
    }

    /**
     * Admits a rollout inside the caller's transaction, whose recommendations the caller locked: every change must
     * pass the approval rule (pending and validated), every recommendation to reject must be pending, and no other
     * rollout may hold the deployments touched. Moves the statuses; {@link #launch} runs it after commit.
     */
    public Admitted admit(Connection c, UUID customerId, List<PlannedChange> changes, List<Recommendation> rejects,
                          String kind) throws SQLException {
        changes.forEach(change -> change.recommendations().forEach(Recommendation::requireApprovable));
        rejects.forEach(Recommendation::requirePending);
        UUID id = UUID.randomUUID();
        List<RolloutStep> steps = new ArrayList<>();
        Set<String> busyKeys = new LinkedHashSet<>();
        double predicted = 0;
        for (PlannedChange change : changes) {
            steps.addAll(planner.plan(change));
            busyKeys.addAll(change.busyKeys());
            predicted += change.estimatedSavings();
        }
        store.create(c, id, customerId, changes.stream().map(PlannedChange::id).toList(), kind, predicted, steps);
        store.reserve(c, customerId, busyKeys, id).ifPresent(holder -> {
            throw new ApiException(409, "deployment_busy", "another rollout (optimization " + holder + ") is running on "
                    + String.join(", ", busyKeys) + "; approve again once it has ended");
        });
        recommendations.setStatus(c, changes.stream().flatMap(ch -> ch.recommendations().stream())
                .map(Recommendation::id).toList(), "executing");
        recommendations.setStatus(c, rejects.stream().map(Recommendation::id).toList(), "rejected");
        return new Admitted(id, customerId, changes, steps, kind);
    }

    /** Snapshots the cloud and starts the admitted rollout in the background. */
    public UUID launch(Admitted admitted) {
        UUID id = admitted.optimizationId();
        CloudActions actions = cloudActions(id, admitted.customerId());
        Snapshot original;
        try {
            original = Snapshot.take(actions, deployments(admitted.changes()))
                    .withMonthlyCost(actions.summary().get("monthly_cost").asDouble());
            store.saveOriginalState(id, original);
        } catch (RuntimeException e) {
            LOG.error("could not snapshot the cloud for optimization {}", id, e);
            store.finish(id, "failed", Map.of("success", false, "error", "snapshot failed: " + e.getMessage()), null);
            setStatus(admitted.changes(), "failed");
            store.release(id);
            throw e;
        }
        events.publish(admitted.customerId(), "optimization_started", "orchestrator", Map.of("optimization_id",
                id.toString(), "kind", admitted.kind()));
        RolloutState state = new RolloutState(id, admitted.customerId(), actions, gate, store, List.of());
        workers.submit(() -> finish(state, admitted.changes(), engine.run(state, admitted.steps(), 0, original),
                original));
        return id;
    }

    public void publishRejected(Recommendation rec) {
        events.publish(rec.customerId(), "recommendation_rejected", "orchestrator",
                Map.of("recommendation_id", rec.id().toString()));
    }

    public Map<String, Object> view(UUID id) {
        return store.view(id);
    }

    /** At start-up: optimizations a previous orchestrator left mid-rollout are rolled back, never left hanging. */
    public void recoverInterrupted() {
        store.releaseEnded();
        for (UUID id : store.unfinished()) {
            workers.submit(() -> recover(id));
        }
    }

    private void recover(UUID id) {
        try {
            Optimization row = store.row(id);
            List<PlannedChange> changes = row.recommendationIds().stream()
                    .map(r -> PlannedChange.of(recommendations.require(r))).toList();
            List<RolloutStep> steps = new ArrayList<>();
            changes.forEach(ch -> steps.addAll(planner.plan(ch)));
            int lastCompleted = -1;
            for (Map<String, Object> s : store.steps(id)) {
                int seq = (Integer) s.get("seq");
                if ("completed".equals(s.get("status"))) {
                    lastCompleted = seq;
                } else if ("running".equals(s.get("status"))) {
                    store.step(id, seq, "failed", Map.of("error", "orchestrator restarted during this step"));
                }
            }
            RolloutState state = new RolloutState(id, row.customerId(), cloudActions(id, row.customerId()), gate,
                    store, row.createdInstanceIds());
            LOG.warn("optimization {} was interrupted by a restart: rolling it back", id);
            finish(state, changes, engine.rollBack(state, steps, lastCompleted, row.originalState(),
                    "interrupted by an orchestrator restart"), row.originalState());
        } catch (Exception e) {
            LOG.error("recovery of optimization {} failed", id, e);
            store.finish(id, "failed", Map.of("success", false, "error", "recovery failed: " + e.getMessage()), null);
            store.release(id);
        }
    }

    /**
     * The optimization's cloud calls; each retry of a throttled call is an audit event {@code cloud_retry}, written
     * as the retry is sent (its {@code created_at} is the retry's time). Recording is never fatal to the rollout.
     */
    private CloudActions cloudActions(UUID optimizationId, UUID customerId) {
        return new CloudActions(cloud, customerId.toString(), (operation, attempt, status, waitedMs, retryAfterMs) -> {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("optimization_id", optimizationId.toString());
            payload.put("operation", operation);
            payload.put("attempt", attempt);
            payload.put("status", status);
            payload.put("waited_ms", waitedMs);
            payload.put("retry_after_ms", retryAfterMs);
            try {
                OptimizationStore.durably("cloud_retry of " + optimizationId, () -> events.publish(customerId,
                        "cloud_retry", "orchestrator", payload));
            } catch (RuntimeException e) {
                LOG.error("optimization {}: retry of '{}' not recorded: {}", optimizationId, operation, e.getMessage());
            }
        });
    }

    private void finish(RolloutState state, List<PlannedChange> changes, RolloutEngine.Ending ending,
                        Snapshot original) {
        try {
            double before = original.monthlyCost();
            double after = state.cloud.summary().get("monthly_cost").asDouble();
            double actual = ending.success() ? before - after : 0;
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("success", ending.success());
            result.put("error", ending.error());
            result.put("actual_savings", actual);
            result.put("monthly_cost_before", before);
            result.put("monthly_cost_after", after);
            Map<String, Object> rollback = null;
            if (!ending.success()) {
                rollback = Map.of("original_state_restored", ending.originalStateRestored(),
                        "duration_ms", ending.rollbackMillis());
            }
            String status = ending.success() ? "completed" : "rolled_back";
            store.finish(state.optimizationId, status, result, rollback);
            setStatus(changes, status);
            double total = changes.stream().mapToDouble(PlannedChange::estimatedSavings).sum();
            for (PlannedChange change : changes) {
                double share = changes.size() == 1 ? 1.0 : change.estimatedSavings() / Math.max(1e-9, total);
                Recommendation rec = change.source();
                learning.record(state.optimizationId, state.customerId, change.type(), change.estimatedSavings(),
                        actual * share, ending.success(), LearningService.features(change.estimatedSavings(),
                                rec.affectedResources().size(), rec.riskLevel(), rec.confidence()));
            }
            events.publish(state.customerId, ending.success() ? "optimization_completed" : "optimization_rolled_back",
                    "orchestrator", Map.of("optimization_id", state.optimizationId.toString(), "success",
                            ending.success(), "actual_savings", actual));
        } catch (RuntimeException e) {
            LOG.error("could not finish optimization {}", state.optimizationId, e);
            store.finish(state.optimizationId, "failed", Map.of("success", false, "error", String.valueOf(e.getMessage())),
                    null);
        } finally {
            store.release(state.optimizationId);
        }
    }

    private void setStatus(List<PlannedChange> changes, String status) {
        changes.forEach(ch -> ch.recommendations().forEach(r -> recommendations.setStatus(r.id(), status)));
    }

    private static List<String> deployments(List<PlannedChange> changes) {
        List<String> deployments = new ArrayList<>();
        for (PlannedChange change : changes) {
            String dep = change.deploymentId();
            if (dep != null && !deployments.contains(dep)) {
                deployments.add(dep);
            }
        }
        return deployments;
    }
}
