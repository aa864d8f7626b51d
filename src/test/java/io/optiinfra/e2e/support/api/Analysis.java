package io.optiinfra.e2e.support.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * {@code GET /customers/{id}/analyses/{aid}} (and the 202 of {@code POST /customers/{id}/analyze}, which names it
 * {@code analysis_id}). {@code tasks} stays null when omitted.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Analysis(
        @JsonProperty("id") String id,
        @JsonProperty("analysis_id") String analysisId,
        @JsonProperty("status") String status,
        @JsonProperty("tasks") List<TaskRef> tasks) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TaskRef(
            @JsonProperty("task_id") String taskId,
            @JsonProperty("status") String status) {}
}
