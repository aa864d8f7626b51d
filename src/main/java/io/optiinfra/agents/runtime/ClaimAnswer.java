package io.optiinfra.agents.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** How the consumer reacts to the orchestrator's answer to {@code POST /orchestrator/tasks/{id}/claim}. */
public enum ClaimAnswer {
    /** 200: the task is ours; run it. */
    RUN,
    /** Nothing will ever come of this entry (done, dead-lettered, unknown task): XACK and skip. */
    ACK,
    /** Someone else holds it, or the orchestrator is unreachable: keep the entry pending for a later XAUTOCLAIM. */
    LEAVE;

    public static ClaimAnswer of(int status, JsonNode body) {
        String error = body != null && body.hasNonNull("error") ? body.get("error").asText() : "";
        if (status >= 200 && status < 300) {
            return RUN;
        }
        if (status == 409) {
            return "task_done".equals(error) ? ACK : LEAVE;
        }
        if (status == 410) {
            return ACK;
        }
        // 404: the task row does not exist, so no retry can ever claim it.
        return status == 404 ? ACK : LEAVE;
    }

    /** The claimed task from a 200 answer; the stream entry's fields are the fallback for ids. */
    public static Task task(JsonNode body, String entryTaskId, String entryCustomerId, AgentHandler handler)
            throws MalformedTask {
        String taskId = textOr(body, "task_id", entryTaskId);
        String customerId = textOr(body, "customer_id", entryCustomerId);
        String analysisType = textOr(body, "analysis_type", null);
        if (customerId == null || customerId.isBlank()) {
            throw new MalformedTask("task has no customer_id");
        }
        if (analysisType == null || !handler.capabilities().contains(analysisType)) {
            throw new MalformedTask("the " + handler.agentType() + " agent does not handle analysis_type '"
                    + analysisType + "'");
        }
        TaskParameters parameters = TaskParameters.parse(parametersOf(body, analysisType), analysisType);
        int attempt = body.hasNonNull("attempt") && body.get("attempt").canConvertToInt()
                ? body.get("attempt").asInt() : 1;
        return new Task(taskId, customerId, analysisType, parameters, attempt);
    }

    /** {@code parameters}; for validations a {@code payload} carrying the recommendation id is accepted too. */
    private static JsonNode parametersOf(JsonNode body, String analysisType) {
        JsonNode parameters = body.get("parameters");
        JsonNode payload = body.get("payload");
        boolean hasId = parameters != null && parameters.hasNonNull("recommendation_id");
        if (TaskParameters.VALIDATE_RECOMMENDATION.equals(analysisType) && !hasId && payload != null
                && payload.hasNonNull("recommendation_id") && (parameters == null || parameters.isNull()
                || parameters.isObject())) {
            ObjectNode merged = parameters != null && parameters.isObject()
                    ? ((ObjectNode) parameters).deepCopy() : JsonNodeFactory.instance.objectNode();
            return merged.set("recommendation_id", payload.get("recommendation_id"));
        }
        return parameters;
    }

    private static String textOr(JsonNode body, String field, String fallback) {
        JsonNode v = body == null ? null : body.get(field);
        return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : fallback;
    }
}
