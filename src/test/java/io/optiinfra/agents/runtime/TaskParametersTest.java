package io.optiinfra.agents.runtime;

import io.optiinfra.common.Json;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.expectThrows;

public class TaskParametersTest {

    @Test
    public void absentParametersTakeTheDefaults() throws MalformedTask {
        TaskParameters p = TaskParameters.parse(null, "cost");
        assertNull(p.deploymentId());
        assertEquals(p.lookbackMinutes(), 10);
        assertEquals(p.minDurationMs(), 0);
        assertEquals(TaskParameters.parse(Json.read("null"), "cost"), p);
        assertEquals(TaskParameters.parse(Json.read("{}"), "cost"), p);
    }

    @Test
    public void acceptsEveryDocumentedParameterAtItsBounds() throws MalformedTask {
        TaskParameters p = TaskParameters.parse(Json.read("{\"deployment_id\":\"llama2-70b-chat\","
                + "\"lookback_minutes\":10080,\"min_duration_ms\":60000,\"extra\":[1,2]}"), "cost");
        assertEquals(p.deploymentId(), "llama2-70b-chat");
        assertEquals(p.lookbackMinutes(), 10080);
        assertEquals(p.minDurationMs(), 60000);
        TaskParameters low = TaskParameters.parse(Json.read("{\"lookback_minutes\":1,\"min_duration_ms\":0}"), "cost");
        assertEquals(low.lookbackMinutes(), 1);
        assertEquals(low.minDurationMs(), 0);
    }

    @Test
    public void jsonNullCountsAsAbsent() throws MalformedTask {
        TaskParameters p = TaskParameters.parse(Json.read("{\"deployment_id\":null,\"lookback_minutes\":null}"), "cost");
        assertNull(p.deploymentId());
        assertEquals(p.lookbackMinutes(), 10);
    }

    @DataProvider
    public Object[][] malformed() {
        return new Object[][] {
                {"[1,2]"},
                {"\"text\""},
                {"{\"lookback_minutes\":\"10\"}"},
                {"{\"lookback_minutes\":10.5}"},
                {"{\"lookback_minutes\":10.0}"},
                {"{\"lookback_minutes\":0}"},
                {"{\"lookback_minutes\":10081}"},
                {"{\"lookback_minutes\":true}"},
                {"{\"min_duration_ms\":-1}"},
                {"{\"min_duration_ms\":60001}"},
                {"{\"min_duration_ms\":99999999999999}"},
                {"{\"deployment_id\":42}"},
                {"{\"deployment_id\":\"  \"}"},
                {"{\"deployment_id\":{\"id\":\"x\"}}"},
        };
    }

    @Test(dataProvider = "malformed")
    public void refusesWrongTypesAndOutOfRangeValues(String parameters) {
        expectThrows(MalformedTask.class, () -> TaskParameters.parse(Json.read(parameters), "cost"));
    }

    @Test
    public void validationNeedsARecommendationId() throws MalformedTask {
        expectThrows(MalformedTask.class, () -> TaskParameters.parse(Json.read("{}"), "validate_recommendation"));
        expectThrows(MalformedTask.class, () -> TaskParameters.parse(
                Json.read("{\"recommendation_id\":7}"), "validate_recommendation"));
        assertEquals(TaskParameters.parse(Json.read("{\"recommendation_id\":\"r-1\"}"), "validate_recommendation")
                .recommendationId(), "r-1");
    }
}
