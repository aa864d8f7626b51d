package io.optiinfra.orchestrator.recommendations;

import io.optiinfra.common.ApiException;
import io.optiinfra.common.Json;
import io.optiinfra.common.web.Web;
import io.optiinfra.orchestrator.events.EventBus;
import io.optiinfra.orchestrator.learning.LearningService;
import io.optiinfra.store.Postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.TreeSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Recommendations filed by agents, their validations, and how customers see them. */
public final class RecommendationService {
    private static final Set<String> VALIDATORS = Set.of("performance", "application");
    private static final Set<String> STATUSES = Set.of("pending", "approved", "rejected", "executing", "completed",
            "failed", "rolled_back");
    private static final String COLUMNS = "id, customer_id, agent_type, type, title, status, risk_level, "
            + "estimated_savings, estimated_improvement::text AS estimated_improvement, confidence, affected_resources, "
            + "details::text AS details, created_at, updated_at";
    private static final String VALIDATIONS = "SELECT agent_type, approved, reason, baseline_established, "
            + "predicted_p95_ms, created_at FROM validations WHERE recommendation_id = ? ORDER BY agent_type";

    public record ValidationInput(String agent_type, Boolean approved, String reason, Boolean baseline_established,
                                  Double predicted_p95_ms) {}

    /** Queues a validator's task for a new recommendation; tasks supply it, so recommendations need not know tasks. */
    @FunctionalInterface
    public interface ValidationRequests {
        void request(UUID customerId, String validatorAgentType, UUID recommendationId);
    }

    private final Postgres pg;
    private final EventBus events;
    private final ValidationRequests validations;
    private final LearningService learning;

    public RecommendationService(Postgres pg, EventBus events, ValidationRequests validations, LearningService learning) {
        this.pg = pg;
        this.events = events;
        this.validations = validations;
        this.learning = learning;
    }

    /**
     * Stores what a task produced, skipping a recommendation identical in type and resources to one still pending
     * (repeated analyses must not pile up duplicates). Returns the ids stored.
     */
    public List<UUID> file(UUID customerId, UUID taskId, String agentType, List<RecommendationInput> inputs) {
        List<Filed> filed = pg.inTransaction(c -> insert(c, customerId, taskId, agentType, inputs));
        announce(customerId, agentType, filed);
        return filed.stream().map(Filed::id).toList();
    }

    /** A recommendation row written in the caller's transaction, announced once that commits. */
    public record Filed(UUID id, RecommendationInput input) {}

    /**
     * Inserts the recommendations in the caller's transaction (so completing a task and storing what it found commit
     * together); duplicates of a pending recommendation are skipped. Call {@link #announce} after the commit.
     */
    public List<Filed> insert(java.sql.Connection c, UUID customerId, UUID taskId, String agentType,
                              List<RecommendationInput> inputs) throws java.sql.SQLException {
        List<Filed> filed = new ArrayList<>();
        for (RecommendationInput input : inputs) {
            UUID id = UUID.randomUUID();
            LearningService.Adjustment learned = learning.adjust(input.type(), LearningService.features(
                    input.estimated_savings(), input.resources().size(), input.risk_level(), input.confidence()),
                    input.confidence());
            Map<String, Object> details = new LinkedHashMap<>(orEmpty(input.details()));
            details.put("learning", Map.of("base_confidence", input.confidence(), "similar_successes",
                    learned.similarSuccesses(), "similar_failures", learned.similarFailures()));
            int inserted = Postgres.prepare(c, "INSERT INTO recommendations (id, customer_id, task_id, agent_type, type, title, "
                    + "status, risk_level, estimated_savings, estimated_improvement, confidence, affected_resources, details) "
                    + "SELECT ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?::jsonb, ?, ?::text[], ?::jsonb WHERE NOT EXISTS (SELECT 1 FROM "
                    + "recommendations WHERE customer_id = ? AND type = ? AND status = 'pending' AND affected_resources = ?::text[])",
                    id, customerId, taskId, agentType, input.type(), input.title(), input.risk_level(),
                    input.estimated_savings(), Json.write(orEmpty(input.estimated_improvement())), learned.confidence(),
                    input.resources().toArray(String[]::new), Json.write(details),
                    customerId, input.type(), input.resources().toArray(String[]::new)).executeUpdate();
            if (inserted > 0) {
                filed.add(new Filed(id, input));
            }
        }
        return filed;
    }

    /** After the commit: the recommendation_created events and the validation tasks. */
    public void announce(UUID customerId, String agentType, List<Filed> filed) {
        for (Filed f : filed) {
            events.publish(customerId, "recommendation_created", agentType + "-agent", Map.of("recommendation_id",
                    f.id().toString(), "type", f.input().type(), "estimated_savings", f.input().estimated_savings()));
            for (String validator : Recommendation.requiredValidators(agentType)) {
                validations.request(customerId, validator, f.id());
            }
        }
    }

    public void addValidation(UUID recommendationId, ValidationInput input) {
        String agentType = Web.requireText(input.agent_type(), "agent_type", 32);
        if (!VALIDATORS.contains(agentType)) {
            throw ApiException.badRequest("validations come from " + VALIDATORS);
        }
        if (input.approved() == null) {
            throw ApiException.badRequest("approved is required");
        }
        String reason = Web.requireText(input.reason(), "reason", 1000);
        Recommendation recommendation = require(recommendationId);
        pg.update("INSERT INTO validations (recommendation_id, agent_type, approved, reason, baseline_established, "
                + "predicted_p95_ms) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (recommendation_id, agent_type) DO UPDATE SET "
                + "approved = EXCLUDED.approved, reason = EXCLUDED.reason, baseline_established = "
                + "EXCLUDED.baseline_established, predicted_p95_ms = EXCLUDED.predicted_p95_ms, created_at = now()",
                recommendationId, agentType, input.approved(), reason, input.baseline_established(), input.predicted_p95_ms());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("recommendation_id", recommendationId.toString());
        payload.put("agent_type", agentType);
        payload.put("approved", input.approved());
        events.publish(recommendation.customerId(), "validation_added", agentType + "-agent", payload);
    }

    public Optional<Recommendation> find(UUID id) {
        return pg.queryOne("SELECT " + COLUMNS + " FROM recommendations WHERE id = ?", id).map(this::withValidations);
    }

    public Recommendation require(UUID id) {
        return find(id).orElseThrow(() -> ApiException.notFound("recommendation " + id + " does not exist"));
    }

    /**
     * Locks the recommendations (SELECT ... FOR UPDATE, in id order so two transactions never wait on each other in a
     * cycle) and reads them with their validations inside the caller's transaction: whatever is decided on them holds
     * until commit, and a concurrent approve/reject/execute-resolution waits and then sees the new status.
     */
    public Map<UUID, Recommendation> lock(Connection c, Collection<UUID> ids) throws SQLException {
        Map<UUID, Recommendation> locked = new LinkedHashMap<>();
        for (UUID id : new TreeSet<>(ids)) {
            List<Map<String, Object>> rows;
            try (PreparedStatement ps = Postgres.prepare(c, "SELECT " + COLUMNS + " FROM recommendations WHERE id = ? "
                    + "FOR UPDATE", id); ResultSet rs = ps.executeQuery()) {
                rows = Postgres.rows(rs);
            }
            if (rows.isEmpty()) {
                throw ApiException.notFound("recommendation " + id + " does not exist");
            }
            List<Map<String, Object>> validations;
            try (PreparedStatement ps = Postgres.prepare(c, VALIDATIONS, id); ResultSet rs = ps.executeQuery()) {
                validations = Postgres.rows(rs);
            }
            locked.put(id, Recommendation.fromRow(rows.get(0), validations.stream().map(Validation::fromRow).toList()));
        }
        return locked;
    }

    public Recommendation lock(Connection c, UUID id) throws SQLException {
        return lock(c, List.of(id)).get(id);
    }

    /** Moves locked recommendations to a new status inside the caller's transaction. */
    public void setStatus(Connection c, Collection<UUID> ids, String status) throws SQLException {
        for (UUID id : ids) {
            try (PreparedStatement ps = Postgres.prepare(c, "UPDATE recommendations SET status = ?, updated_at = now() "
                    + "WHERE id = ?", status, id)) {
                ps.executeUpdate();
            }
        }
    }

    public List<Recommendation> list(UUID customerId, String status, String type) {
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.badRequest("status must be one of " + STATUSES);
        }
        if (type != null && !RecommendationInput.TYPES.contains(type)) {
            throw ApiException.badRequest("type must be one of " + RecommendationInput.TYPES);
        }
        return pg.query("SELECT " + COLUMNS + " FROM recommendations WHERE customer_id = ? AND (?::text IS NULL OR "
                + "status = ?) AND (?::text IS NULL OR type = ?) ORDER BY estimated_savings DESC, created_at",
                customerId, status, status, type, type).stream().map(this::withValidations).toList();
    }

    /** Where a rollout ends (executing → completed | rolled_back | failed). */
    public void setStatus(UUID id, String status) {
        pg.update("UPDATE recommendations SET status = ?, updated_at = now() WHERE id = ?", status, id);
    }

    private Recommendation withValidations(Map<String, Object> row) {
        return Recommendation.fromRow(row, pg.query(VALIDATIONS, row.get("id")).stream().map(Validation::fromRow).toList());
    }

    private static Map<String, Object> orEmpty(Map<String, Object> map) {
        return map == null ? Map.of() : map;
    }
}
