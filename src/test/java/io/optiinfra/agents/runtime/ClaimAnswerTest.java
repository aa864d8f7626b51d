package io.optiinfra.agents.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.common.Json;
import org.testng.annotations.Test;

import java.util.List;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.expectThrows;

public class ClaimAnswerTest {
    static final AgentHandler COST = new AgentHandler() {
        @Override public String agentType() { return "cost"; }
        @Override public List<String> capabilities() { return List.of("cost", "spot_migration"); }
        @Override public TaskOutcome handle(Task task) { throw new UnsupportedOperationException(); }
    };

    private static JsonNode error(String name) {
        return Json.read("{\"error\":\"" + name + "\",\"message\":\"m\"}");
    }

    @Test
    public void mapsEveryDocumentedClaimAnswer() {
        assertEquals(ClaimAnswer.of(200, Json.read("{}")), ClaimAnswer.RUN);
        assertEquals(ClaimAnswer.of(409, error("task_done")), ClaimAnswer.ACK);
        assertEquals(ClaimAnswer.of(409, error("task_held")), ClaimAnswer.LEAVE);
        assertEquals(ClaimAnswer.of(410, error("dead_lettered")), ClaimAnswer.ACK);
    }

    @Test
    public void unknownTasksAreAckedAndOutagesLeftPending() {
        assertEquals(ClaimAnswer.of(404, error("not_found")), ClaimAnswer.ACK);
        assertEquals(ClaimAnswer.of(409, error("conflict")), ClaimAnswer.LEAVE);
        assertEquals(ClaimAnswer.of(500, error("internal_error")), ClaimAnswer.LEAVE);
        assertEquals(ClaimAnswer.of(503, Json.MAPPER.nullNode()), ClaimAnswer.LEAVE);
        assertEquals(ClaimAnswer.of(401, error("unauthorized")), ClaimAnswer.LEAVE);
    }

    @Test
    public void readsTheClaimedTask() throws MalformedTask {
        Task task = ClaimAnswer.task(Json.read("{\"task_id\":\"t1\",\"customer_id\":\"c1\",\"agent_type\":\"cost\","
                + "\"analysis_type\":\"spot_migration\",\"parameters\":{\"lookback_minutes\":5},\"attempt\":2}"),
                "t1", null, COST);
        assertEquals(task.customerId(), "c1");
        assertEquals(task.analysisType(), "spot_migration");
        assertEquals(task.parameters().lookbackMinutes(), 5);
        assertEquals(task.attempt(), 2);
    }

    @Test
    public void theStreamEntrySuppliesAMissingCustomer() throws MalformedTask {
        Task task = ClaimAnswer.task(Json.read("{\"task_id\":\"t1\",\"analysis_type\":\"cost\"}"), "t1", "c9", COST);
        assertEquals(task.customerId(), "c9");
    }

    @Test
    public void refusesTasksWithoutCustomerOrOfAnotherAgent() {
        expectThrows(MalformedTask.class, () -> ClaimAnswer.task(
                Json.read("{\"task_id\":\"t1\",\"analysis_type\":\"cost\"}"), "t1", null, COST));
        expectThrows(MalformedTask.class, () -> ClaimAnswer.task(
                Json.read("{\"task_id\":\"t1\",\"customer_id\":\" \",\"analysis_type\":\"cost\"}"), "t1", null, COST));
        expectThrows(MalformedTask.class, () -> ClaimAnswer.task(
                Json.read("{\"task_id\":\"t1\",\"customer_id\":\"c1\",\"analysis_type\":\"quantization\"}"),
                "t1", null, COST));
        expectThrows(MalformedTask.class, () -> ClaimAnswer.task(
                Json.read("{\"task_id\":\"t1\",\"customer_id\":\"c1\",\"analysis_type\":\"cost\","
                        + "\"parameters\":{\"lookback_minutes\":-3}}"), "t1", null, COST));
    }

    @Test
    public void aValidationMayCarryItsRecommendationInThePayload() throws MalformedTask {
        AgentHandler perf = new AgentHandler() {
            @Override public String agentType() { return "performance"; }
            @Override public List<String> capabilities() { return List.of("validate_recommendation"); }
            @Override public TaskOutcome handle(Task task) { throw new UnsupportedOperationException(); }
        };
        Task task = ClaimAnswer.task(Json.read("{\"task_id\":\"t1\",\"customer_id\":\"c1\","
                + "\"analysis_type\":\"validate_recommendation\",\"parameters\":{\"min_duration_ms\":5},"
                + "\"payload\":{\"recommendation_id\":\"r-9\"}}"), "t1", null, perf);
        assertEquals(task.parameters().recommendationId(), "r-9");
        assertEquals(task.parameters().minDurationMs(), 5);
        expectThrows(MalformedTask.class, () -> ClaimAnswer.task(Json.read("{\"task_id\":\"t1\","
                + "\"customer_id\":\"c1\",\"analysis_type\":\"validate_recommendation\"}"), "t1", null, perf));
    }
}
