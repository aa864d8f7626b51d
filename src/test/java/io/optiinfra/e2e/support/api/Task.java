package io.optiinfra.e2e.support.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code GET /orchestrator/tasks/{id}}; {@code result} depends on the analysis type, so it stays a tree read into the
 * type's record with {@link #result(Class)}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Task(
        @JsonProperty("task_id") String taskId,
        @JsonProperty("status") String status,
        @JsonProperty("agent_type") String agentType,
        @JsonProperty("agent_id") String agentId,
        @JsonProperty("completed_by") String completedBy,
        @JsonProperty("result") JsonNode result) {

    /** The status of a task answer, or null while it is not a 200 (polled over, never read as a task). */
    public static String statusOf(io.restassured.response.Response response) {
        return response.statusCode() == 200 ? Api.read(response, Task.class).status() : null;
    }

    public <T> T result(Class<T> type) {
        if (result == null || !result.isObject()) {
            throw new AssertionError("task " + taskId + " (" + status + ") has no result object");
        }
        return Api.convert(result, type);
    }

    /** {@code POST /orchestrator/analyze} (SPEC §5). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Routed(
            @JsonProperty("routed_to_agent") String routedToAgent,
            @JsonProperty("task_id") String taskId) {}
}
