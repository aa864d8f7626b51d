package io.optiinfra.orchestrator.learning;

import io.optiinfra.store.Postgres;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The learning loop: every finished optimization leaves an outcome (predicted vs actual savings, success) and a
 * pattern vector; new recommendations of the same kind get their confidence moved by how similar past ones went.
 * Vectors are {@code real[]} with cosine similarity in SQL (no pgvector on these machines).
 */
public final class LearningService {
    /** Past outcomes at least this similar count as precedent. */
    static final double SIMILARITY_THRESHOLD = 0.95;
    static final double STEP = 0.05;
    private static final String COSINE = "(SELECT sum(a * b) FROM unnest(features, ?::real[]) AS t(a, b)) / "
            + "NULLIF(sqrt((SELECT sum(a * a) FROM unnest(features) AS u(a))) * sqrt((SELECT sum(b * b) FROM "
            + "unnest(?::real[]) AS v(b))), 0)";

    public record Adjustment(double confidence, int similarSuccesses, int similarFailures) {}

    private final Postgres pg;

    public LearningService(Postgres pg) {
        this.pg = pg;
    }

    /** The pattern of a recommendation: what it saves, how many resources, its risk and the agent's confidence. */
    public static Float[] features(double estimatedSavings, int affectedResources, String riskLevel, double confidence) {
        double risk = switch (riskLevel) {
            case "low" -> 0.0;
            case "medium" -> 0.5;
            default -> 1.0;
        };
        return new Float[] {(float) Math.log10(estimatedSavings + 1), (float) affectedResources, (float) risk,
                (float) confidence};
    }

    public void record(UUID optimizationId, UUID customerId, String type, double predicted, double actual,
                       boolean success, Float[] features) {
        pg.update("INSERT INTO optimization_outcomes (optimization_id, customer_id, recommendation_type, predicted_savings, "
                + "actual_savings, success) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (optimization_id) DO NOTHING",
                optimizationId, customerId, type, predicted, actual, success);
        pg.update("INSERT INTO learning_patterns (optimization_id, recommendation_type, features, success) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT (optimization_id) DO NOTHING", optimizationId, type, features, success);
    }

    /** Past patterns of this type, most similar first. */
    public List<Map<String, Object>> similar(String type, Float[] features, int limit) {
        return pg.query("SELECT recommendation_type, success, " + COSINE + " AS similarity FROM learning_patterns "
                + "WHERE recommendation_type = ? ORDER BY similarity DESC NULLS LAST LIMIT ?", features, features, type, limit);
    }

    /** Confidence moved up by similar past successes and down by similar failures (kept within 0.05..0.99). */
    public Adjustment adjust(String type, Float[] features, double baseConfidence) {
        int successes = 0;
        int failures = 0;
        for (Map<String, Object> past : similar(type, features, 10)) {
            Number similarity = (Number) past.get("similarity");
            if (similarity == null || similarity.doubleValue() < SIMILARITY_THRESHOLD) {
                continue;
            }
            if (Boolean.TRUE.equals(past.get("success"))) {
                successes++;
            } else {
                failures++;
            }
        }
        return new Adjustment(adjusted(baseConfidence, successes, failures), successes, failures);
    }

    static double adjusted(double base, int successes, int failures) {
        return Math.max(0.05, Math.min(0.99, base + STEP * Math.min(successes, 3) - STEP * Math.min(failures, 3)));
    }
}
