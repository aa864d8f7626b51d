package io.optiinfra.orchestrator.optimizations;

import com.fasterxml.jackson.core.type.TypeReference;
import io.optiinfra.common.ApiException;
import io.optiinfra.common.Json;
import io.optiinfra.common.client.JsonHttp;
import io.optiinfra.orchestrator.events.EventBus;
import io.optiinfra.orchestrator.learning.LearningService;
import io.optiinfra.orchestrator.recommendations.RecommendationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Approval and execution of recommendations: only validated recommendations are approved; each approval starts an
 * optimization that the {@link RolloutEngine} runs in the background; its end feeds the learning loop.
 */
public final class OptimizationService {
    private static final Logger LOG = LoggerFactory.getLogger(OptimizationService.class);

    private final RecommendationService recommendations;
    private final OptimizationStore store;
    private final RolloutPlanner planner;
    private final RolloutEngine engine;
    private final Gate gate;
    private final JsonHttp cloud;
    private final EventBus events;
    private final LearningService learning;
    private final ExecutorService workers = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "rollout");
        t.setDaemon(true);
        return t;
    });

    public OptimizationService(RecommendationService recommendations, OptimizationWiring wiring, EventBus events,
                               LearningService learning) {
        this.recommendations = recommendations;
        this.store = wiring.store();
        this.planner = wiring.planner();
        this.engine = new RolloutEngine(store, events);
        this.gate = wiring.gate();
        this.cloud = wiring.cloud();
        this.events = events;
        this.learning = learning;
    }

    /** Approves a pending, fully validated recommendation and starts its rollout. */
    public UUID approve(Map<String, Object> rec) {
        requirePending(rec);
        requireValidated(rec);
        return execute((UUID) rec.get("customer_id"), List.of(rec), (String) rec.get("type"));
    }

    public void reject(Map<String, Object> rec) {
        requirePending(rec);
        recommendations.setStatus((UUID) rec.get("id"), "rejected");
        events.publish((UUID) rec.get("customer_id"), "recommendation_rejected", "orchestrator",
                Map.of("recommendation_id", rec.get("id").toString()));
    }

    /** Runs the rollouts of these recommendations one after the other as one optimization. */
    public UUID execute(UUID customerId, List<Map<String, Object>> recs, String kind) {
        UUID id = UUID.randomUUID();
        List<RolloutStep> steps = new ArrayList<>();
        List<String> deployments = new ArrayList<>();
        double predicted = 0;
        for (Map<String, Object> rec : recs) {
            steps.addAll(planner.plan(rec));
            Object dep = ((Map<?, ?>) rec.get("details")).get("deployment_id");
            if (dep != null && !deployments.contains(dep.toString())) {
                deployments.add(dep.toString());
            }
            predicted += ((Number) rec.get("estimated_savings")).doubleValue();
        }
        CloudActions actions = new CloudActions(cloud, customerId.toString());
        Map<String, Object> original = Snapshot.take(actions, deployments);
        original.put("monthly_cost", actions.summary().get("monthly_cost").asDouble());
        store.create(id, customerId, recs.stream().map(r -> (UUID) r.get("id")).toList(), kind, predicted, original, steps);
        recs.forEach(r -> covered(r).forEach(covered -> recommendations.setStatus(covered, "executing")));
        events.publish(customerId, "optimization_started", "orchestrator", Map.of("optimization_id", id.toString(),
                "kind", kind));
        RolloutState state = new RolloutState(id, customerId, actions, gate, store, List.of());
        workers.submit(() -> finish(state, recs, engine.run(state, steps, 0, original), original));
        return id;
    }

    public Map<String, Object> view(UUID id) {
        return store.view(id);
    }

    /** At start-up: optimizations a previous orchestrator left mid-rollout are rolled back, never left hanging. */
    public void recoverInterrupted() {
        for (UUID id : store.unfinished()) {
            workers.submit(() -> recover(id));
        }
    }

    private void recover(UUID id) {
        try {
            Map<String, Object> row = store.row(id);
            UUID customerId = (UUID) row.get("customer_id");
            List<Map<String, Object>> recs = ((List<?>) row.get("recommendation_ids")).stream()
                    .map(r -> recommendations.require((UUID) r)).toList();
            List<RolloutStep> steps = new ArrayList<>();
            recs.forEach(r -> steps.addAll(planner.plan(r)));
            int lastCompleted = -1;
            for (Map<String, Object> s : store.steps(id)) {
                int seq = (Integer) s.get("seq");
                if ("completed".equals(s.get("status"))) {
                    lastCompleted = seq;
                } else if ("running".equals(s.get("status"))) {
                    store.step(id, seq, "failed", Map.of("error", "orchestrator restarted during this step"));
                }
            }
            Map<String, Object> original = Json.MAPPER.readValue((String) row.get("original_state"), new TypeReference<>() {});
            RolloutState state = new RolloutState(id, customerId, new CloudActions(cloud, customerId.toString()), gate,
                    store, (List<String>) row.get("created_instance_ids"));
            LOG.warn("optimization {} was interrupted by a restart: rolling it back", id);
            finish(state, recs, engine.rollBack(state, steps, lastCompleted, original,
                    "interrupted by an orchestrator restart"), original);
        } catch (Exception e) {
            LOG.error("recovery of optimization {} failed", id, e);
            store.finish(id, "failed", Map.of("success", false, "error", "recovery failed: " + e.getMessage()), null);
        }
    }

    private void finish(RolloutState state, List<Map<String, Object>> recs, RolloutEngine.Ending ending,
                        Map<String, Object> original) {
        try {
            double before = ((Number) original.get("monthly_cost")).doubleValue();
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
            for (Map<String, Object> rec : recs) {
                covered(rec).forEach(covered -> recommendations.setStatus(covered, status));
                double share = recs.size() == 1 ? 1.0 : ((Number) rec.get("estimated_savings")).doubleValue()
                        / Math.max(1e-9, recs.stream().mapToDouble(r -> ((Number) r.get("estimated_savings")).doubleValue()).sum());
                learning.record(state.optimizationId, state.customerId, (String) rec.get("type"),
                        ((Number) rec.get("estimated_savings")).doubleValue(), actual * share, ending.success(),
                        LearningService.features(((Number) rec.get("estimated_savings")).doubleValue(),
                                ((List<?>) rec.get("affected_resources")).size(), (String) rec.get("risk_level"),
                                ((Number) rec.get("confidence")).doubleValue()));
            }
            events.publish(state.customerId, ending.success() ? "optimization_completed" : "optimization_rolled_back",
                    "orchestrator", Map.of("optimization_id", state.optimizationId.toString(), "success",
                            ending.success(), "actual_savings", actual));
        } catch (RuntimeException e) {
            LOG.error("could not finish optimization {}", state.optimizationId, e);
            store.finish(state.optimizationId, "failed", Map.of("success", false, "error", String.valueOf(e.getMessage())),
                    null);
        }
    }

    /** The recommendations an executed one stands for: itself, plus those a hybrid merged into it. */
    private static List<UUID> covered(Map<String, Object> rec) {
        List<UUID> ids = new ArrayList<>();
        ids.add((UUID) rec.get("id"));
        Object covers = rec.get("covers");
        if (covers instanceof List<?> list) {
            list.forEach(c -> ids.add(UUID.fromString(c.toString())));
        }
        return ids;
    }

    private static void requirePending(Map<String, Object> rec) {
        if (!"pending".equals(rec.get("status"))) {
            throw ApiException.conflict("recommendation is " + rec.get("status") + ", not pending");
        }
    }

    /** Both validations in: performance approved, application baseline established (SPEC §6). */
    private static void requireValidated(Map<String, Object> rec) {
        List<?> validations = (List<?>) rec.get("validations");
        boolean performance = false;
        boolean application = false;
        for (Object v : validations) {
            Map<?, ?> validation = (Map<?, ?>) v;
            if ("performance".equals(validation.get("agent_type"))) {
                if (!Boolean.TRUE.equals(validation.get("approved"))) {
                    throw ApiException.conflict("the performance agent did not approve: " + validation.get("reason"));
                }
                performance = true;
            }
            if ("application".equals(validation.get("agent_type"))) {
                application = Boolean.TRUE.equals(validation.get("baseline_established"));
            }
        }
        boolean validated = List.of("cost", "resource").contains(rec.get("agent_type")) ? performance && application
                : application || performance || validations.isEmpty();
        if (!validated) {
            throw ApiException.conflict("waiting for validations: performance approval and an application quality "
                    + "baseline are both required before approval");
        }
    }
}
