package io.optiinfra.agents.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The validated {@code parameters} of a task (docs/internal-api.md): {@code deployment_id} string,
 * {@code lookback_minutes} integer 1..10080 (default 10), {@code min_duration_ms} integer 0..60000 (default 0),
 * {@code recommendation_id} string (required by {@code validate_recommendation}). JSON null counts as absent;
 * unknown keys are ignored; wrong types and out-of-range values are malformed.
 */
public record TaskParameters(String deploymentId, int lookbackMinutes, int minDurationMs, String recommendationId) {
    public static final String VALIDATE_RECOMMENDATION = "validate_recommendation";
    public static final int DEFAULT_LOOKBACK_MINUTES = 10;
    private static final int MAX_ID_LENGTH = 200;

    public static TaskParameters defaults() {
        return new TaskParameters(null, DEFAULT_LOOKBACK_MINUTES, 0, null);
    }

    public static TaskParameters parse(JsonNode parameters, String analysisType) throws MalformedTask {
        JsonNode p = parameters == null || parameters.isMissingNode() || parameters.isNull()
                ? JsonNodeFactory.instance.objectNode() : parameters;
        if (!p.isObject()) {
            throw new MalformedTask("parameters must be a JSON object");
        }
        String deploymentId = text(p, "deployment_id");
        int lookback = integer(p, "lookback_minutes", 1, 10_080, DEFAULT_LOOKBACK_MINUTES);
        int minDuration = integer(p, "min_duration_ms", 0, 60_000, 0);
        String recommendationId = text(p, "recommendation_id");
        if (VALIDATE_RECOMMENDATION.equals(analysisType) && recommendationId == null) {
            throw new MalformedTask("validate_recommendation needs parameters.recommendation_id");
        }
        return new TaskParameters(deploymentId, lookback, minDuration, recommendationId);
    }

    private static String text(JsonNode p, String field) throws MalformedTask {
        JsonNode v = p.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > MAX_ID_LENGTH) {
            throw new MalformedTask(field + " must be a non-blank string of at most " + MAX_ID_LENGTH + " characters");
        }
        return v.asText();
    }

    private static int integer(JsonNode p, String field, int min, int max, int fallback) throws MalformedTask {
        JsonNode v = p.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            throw new MalformedTask(field + " must be an integer within " + min + ".." + max + ", not " + v);
        }
        return (int) v.asLong();
    }
}
