package io.optiinfra.agents.runtime;

import io.optiinfra.agents.runtime.FakeOrchestrator.Answer;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

public class TaskRunnerTest {
    private FakeOrchestrator orchestrator;
    private final AtomicInteger handled = new AtomicInteger();
    private volatile RuntimeException failure;

    private final AgentHandler handler = new AgentHandler() {
        @Override public String agentType() { return "cost"; }
        @Override public List<String> capabilities() { return List.of("cost"); }
        @Override public TaskOutcome handle(Task task) {
            handled.incrementAndGet();
            if (failure != null) {
                throw failure;
            }
            return new TaskOutcome(List.of(Map.of("type", "spot_migration")), Map.of("ok", true));
        }
    };

    @BeforeMethod
    public void start() {
        orchestrator = new FakeOrchestrator();
        handled.set(0);
        failure = null;
    }

    @AfterMethod(alwaysRun = true)
    public void stop() {
        orchestrator.close();
    }

    private boolean run(String taskId) {
        return new TaskRunner(orchestrator.client(), handler, new RuntimeStats(1))
                .run(Map.of("task_id", taskId, "customer_id", "c1", "analysis_type", "cost"), "agent-1");
    }

    @Test
    public void aClaimedTaskIsCompletedThenAcked() {
        orchestrator.claimable("t1", "cost", "{}");
        assertTrue(run("t1"));
        assertEquals(handled.get(), 1);
        var complete = orchestrator.calls("complete");
        assertEquals(complete.size(), 1);
        assertEquals(complete.get(0).body().path("agent_id").asText(), "agent-1");
        assertEquals(complete.get(0).body().path("recommendations").size(), 1);
        assertEquals(orchestrator.calls("claim").get(0).body().path("agent_id").asText(), "agent-1");
    }

    @Test
    public void aHandlerExceptionIsATransientFailureAndStaysPending() {
        orchestrator.claimable("t2", "cost", "{}");
        failure = new IllegalStateException("simulator down");
        assertFalse(run("t2"));
        var fail = orchestrator.calls("fail");
        assertEquals(fail.size(), 1);
        assertFalse(fail.get(0).body().path("permanent").asBoolean());
        assertTrue(fail.get(0).body().path("error").asText().contains("simulator down"));
        assertTrue(orchestrator.calls("complete").isEmpty());
    }

    @Test
    public void malformedParametersFailPermanentlyAndAreAcked() {
        orchestrator.claimable("t3", "cost", "{\"lookback_minutes\":\"ten\"}");
        assertTrue(run("t3"));
        assertEquals(handled.get(), 0);
        var fail = orchestrator.calls("fail");
        assertEquals(fail.size(), 1);
        assertTrue(fail.get(0).body().path("permanent").asBoolean());
    }

    @Test
    public void claimAnswersDecideAckOrLeaveWithoutRunning() {
        orchestrator.claims.put("done", new Answer(409, "{\"error\":\"task_done\",\"message\":\"m\"}"));
        orchestrator.claims.put("held", new Answer(409, "{\"error\":\"task_held\",\"message\":\"m\"}"));
        orchestrator.claims.put("dead", new Answer(410, "{\"error\":\"dead_lettered\",\"message\":\"m\"}"));
        assertTrue(run("done"));
        assertFalse(run("held"));
        assertTrue(run("dead"));
        assertEquals(handled.get(), 0);
        assertTrue(orchestrator.calls("fail").isEmpty());
    }

    @Test
    public void minDurationHoldsTheTaskBeforeCompleting() {
        orchestrator.claimable("t4", "cost", "{\"min_duration_ms\":300}");
        long started = System.nanoTime();
        assertTrue(run("t4"));
        assertTrue((System.nanoTime() - started) / 1_000_000 >= 300, "completed before min_duration_ms");
    }

    @Test
    public void anEntryWithoutTaskIdIsAckedAndNeverClaimed() {
        assertTrue(new TaskRunner(orchestrator.client(), handler, new RuntimeStats(1)).run(Map.of("x", "y"), "a"));
        assertTrue(orchestrator.calls.isEmpty());
    }
}
