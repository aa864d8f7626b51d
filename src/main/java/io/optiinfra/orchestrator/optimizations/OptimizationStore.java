package io.optiinfra.orchestrator.optimizations;

import io.optiinfra.common.ApiException;
import io.optiinfra.common.Json;
import io.optiinfra.store.Postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The persisted state machine of optimizations and their steps (PostgreSQL). Writes a rollout makes while it runs are
 * retried through a store outage (a PostgreSQL restart takes seconds): a failed write must not strand a rollout
 * half-done in {@code running}; after {@link #WRITE_PATIENCE} the write fails for real.
 */
final class OptimizationStore {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OptimizationStore.class);
    static final java.time.Duration WRITE_PATIENCE = java.time.Duration.ofSeconds(60);
    private final Postgres pg;

    OptimizationStore(Postgres pg) {
        this.pg = pg;
    }

    /** Inserts the optimization and its pending steps in the caller's transaction (the original state follows). */
    void create(Connection c, UUID id, UUID customerId, List<UUID> recommendationIds, String kind,
                double predictedSavings, List<RolloutStep> steps) throws SQLException {
        execute(c, "INSERT INTO optimizations (id, customer_id, recommendation_ids, kind, status, predicted_savings) "
                + "VALUES (?, ?, ?, ?, 'running', ?)", id, customerId, recommendationIds.toArray(UUID[]::new), kind,
                predictedSavings);
        for (int i = 0; i < steps.size(); i++) {
            execute(c, "INSERT INTO optimization_steps (optimization_id, seq, recommendation_id, name, status) "
                    + "VALUES (?, ?, ?, ?, 'pending')", id, i, UUID.fromString(steps.get(i).recommendationId()),
                    steps.get(i).name());
        }
    }

    void saveOriginalState(UUID id, Snapshot originalState) {
        pg.update("UPDATE optimizations SET original_state = ?::jsonb WHERE id = ?", Json.write(originalState), id);
    }

    /**
     * Marks these resources busy with the optimization, in the caller's transaction. The primary key of
     * {@code active_rollouts} makes this race-free: a second transaction inserting the same key waits for the first
     * and then inserts nothing. Returns the optimization already holding a key, if any.
     */
    Optional<UUID> reserve(Connection c, UUID customerId, Collection<String> keys, UUID optimizationId)
            throws SQLException {
        for (String key : keys) {
            int inserted = execute(c, "INSERT INTO active_rollouts (customer_id, resource, optimization_id) "
                    + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING", customerId, key, optimizationId);
            if (inserted == 0) {
                try (PreparedStatement ps = Postgres.prepare(c, "SELECT optimization_id FROM active_rollouts WHERE "
                        + "customer_id = ? AND resource = ?", customerId, key); ResultSet rs = ps.executeQuery()) {
                    return Optional.of(rs.next() ? (UUID) rs.getObject(1) : optimizationId);
                }
            }
        }
        return Optional.empty();
    }

    /** Frees what the optimization held (its rollout ended, whatever the outcome). */
    void release(UUID id) {
        pg.update("DELETE FROM active_rollouts WHERE optimization_id = ?", id);
    }

    /** At start-up: frees resources of optimizations that ended while nobody released them. */
    void releaseEnded() {
        pg.update("DELETE FROM active_rollouts a USING optimizations o WHERE o.id = a.optimization_id AND o.status "
                + "NOT IN ('running', 'rolling_back')");
    }

    private static int execute(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = Postgres.prepare(c, sql, params)) {
            return ps.executeUpdate();
        }
    }

    void step(UUID id, int seq, String status, Map<String, Object> detail) {
        String timeColumn = "running".equals(status) ? "started_at = now()" : "completed_at = now()";
        durably("step " + seq + " of " + id + " " + status, () -> pg.update("UPDATE optimization_steps SET status = ?, detail = detail || ?::jsonb, " + timeColumn
                + " WHERE optimization_id = ? AND seq = ?", status, Json.write(detail), id, seq));
    }

    /** Runs a write, retrying it with backoff while the store is unreachable, for up to {@link #WRITE_PATIENCE}. */
    static void durably(String what, Runnable write) {
        long deadline = System.nanoTime() + WRITE_PATIENCE.toNanos();
        long backoffMs = 100;
        while (true) {
            try {
                write.run();
                return;
            } catch (ApiException e) {
                throw e; // a rule, not an outage
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.warn("{} not written ({}); retrying in {} ms", what, e.getMessage(), backoffMs);
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoffMs = Math.min(2_000, backoffMs * 2);
            }
        }
    }

    void progress(UUID id, int percent) {
        durably("progress of " + id, () -> pg.update("UPDATE optimizations SET progress = ? WHERE id = ?", percent, id));
    }

    void status(UUID id, String status) {
        durably("status of " + id, () -> pg.update("UPDATE optimizations SET status = ? WHERE id = ?", status, id));
    }

    void saveCreatedInstances(UUID id, List<String> instanceIds) {
        durably("created instances of " + id, () -> pg.update("UPDATE optimizations SET created_instance_ids = ? "
                + "WHERE id = ?", instanceIds.toArray(String[]::new), id));
    }

    void finish(UUID id, String status, Map<String, Object> result, Map<String, Object> rollback) {
        durably("end of " + id, () -> pg.update("UPDATE optimizations SET status = ?, result = ?::jsonb, "
                + "rollback = ?::jsonb, completed_at = now(), "
                + "progress = CASE WHEN ? = 'completed' THEN 100 ELSE progress END WHERE id = ?", status,
                Json.write(result), rollback == null ? null : Json.write(rollback), status, id));
    }

    Optimization row(UUID id) {
        return pg.queryOne("SELECT id, customer_id, recommendation_ids, kind, status, progress, predicted_savings, "
                + "original_state::text AS original_state, created_instance_ids, result::text AS result, "
                + "rollback::text AS rollback, started_at, completed_at FROM optimizations WHERE id = ?", id)
                .map(Optimization::fromRow).orElseThrow(() -> ApiException.notFound("optimization " + id + " does not exist"));
    }

    List<Map<String, Object>> steps(UUID id) {
        return pg.query("SELECT seq, recommendation_id, name, status, detail::text AS detail, started_at, completed_at "
                + "FROM optimization_steps WHERE optimization_id = ? ORDER BY seq", id);
    }

    /** Optimizations an orchestrator stopped in the middle of (for recovery at start-up). */
    List<UUID> unfinished() {
        return pg.query("SELECT id FROM optimizations WHERE status IN ('running', 'rolling_back')").stream()
                .map(r -> (UUID) r.get("id")).toList();
    }

    /** The public view: SPEC §5 shape. */
    Map<String, Object> view(UUID id) {
        Optimization row = row(id);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", row.id());
        view.put("customer_id", row.customerId());
        view.put("recommendation_ids", row.recommendationIds());
        view.put("kind", row.kind());
        view.put("status", row.status());
        view.put("progress", row.progress());
        view.put("predicted_savings", row.predictedSavings());
        view.put("started_at", row.startedAt());
        view.put("completed_at", row.completedAt());
        view.put("execution_steps", steps(id).stream().map(s -> {
            Map<String, Object> step = new LinkedHashMap<>(s);
            step.put("detail", Json.read((String) s.get("detail")));
            return step;
        }).toList());
        view.put("result", row.resultJson() == null ? null : Json.read(row.resultJson()));
        view.put("rollback", row.rollbackJson() == null ? null : Json.read(row.rollbackJson()));
        view.put("created_instance_ids", row.createdInstanceIds());
        return view;
    }
}
