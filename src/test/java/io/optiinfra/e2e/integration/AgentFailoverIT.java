package io.optiinfra.e2e.integration;

import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Agent;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.Task;
import io.optiinfra.e2e.support.env.FaultControl;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.report.TestReport;
import io.optiinfra.e2e.support.wait.TimeBounds;
import io.optiinfra.e2e.support.wait.WaitHelper;
import io.restassured.response.Response;
import org.testng.annotations.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Kill the cost agent processing a task: the registry marks it offline within the window and the task completes on
 * the other cost agent — never lost. The agent is killed through the environment's fault control (local and docker
 * modes) and started again afterwards.
 */
@Test(groups = Groups.INTEGRATION, dependsOnGroups = Groups.SMOKE)
public class AgentFailoverIT extends SuiteBase {
    /** How long the task holds its agent: long enough to kill the agent mid-task. */
    private static final Duration TASK_HOLD = Duration.ofSeconds(4);

    public void taskOfAKilledAgentCompletesOnAnotherAgentOfItsType() throws Exception {
        FaultControl faults = faultControl();
        TestCustomer customer = newCustomer("Failover Co");
        Duration window = env().agentOfflineWindow();

        TestReport.step("Act: a cost task that holds its agent for " + TASK_HOLD.toSeconds() + " s");
        String taskId = Api.read(customer.client().routeAnalysis(customer.customerId(), "cost",
                Map.of("min_duration_ms", TASK_HOLD.toMillis())), Task.Routed.class).taskId();
        Response processing = WaitHelper.until("task " + taskId + " picked up", TimeBounds.WAIT_FOR_A_FREE_WORKER,
                () -> customer.client().task(taskId), r -> "processing".equals(Task.statusOf(r)));
        String firstAgent = Api.read(processing, Task.class).agentId();
        String hostname = (String) db().postgres("SELECT hostname FROM agents WHERE id = ?::uuid", firstAgent)
                .get(0).get("hostname");
        String processName = hostname.substring(0, hostname.indexOf('@'));
        TestReport.info("task held by agent " + firstAgent + " = process " + processName + "; killing it");
        faults.kill(processName);

        try {
            TestReport.step("Wait: the killed agent goes offline, the task completes elsewhere");
            WaitHelper.until("agent " + firstAgent + " offline", window.multipliedBy(4),
                    () -> Api.list(customer.client().agents(), Agent.class).stream()
                            .filter(a -> firstAgent.equals(a.agentId())).findFirst().orElseThrow(),
                    a -> "offline".equals(a.status()));
            long offlineAt = System.nanoTime();
            // the surviving cost agent may be busy with other tests' analyses: the hand-over waits for a free worker
            Response done = WaitHelper.until("task " + taskId + " completed by another agent",
                    TASK_HOLD.plus(TimeBounds.WAIT_FOR_A_FREE_WORKER), () -> new Observation(customer.client().task(taskId),
                            costAgents(customer)), o -> "completed".equals(Task.statusOf(o.task()))).task();
            TestReport.metric("hand-over: agent offline to task completed elsewhere",
                    (System.nanoTime() - offlineAt) / 1_000_000, "ms");

            TestReport.step("Assert and prove in stores");
            String completedBy = Api.read(done, Task.class).completedBy();
            assertThat("completed_by", completedBy, notNullValue());
            assertThat(completedBy, not(equalTo(firstAgent)));
            List<Map<String, Object>> rows = db().postgres("SELECT t.attempts, a.agent_type FROM tasks t JOIN agents a "
                    + "ON a.id = t.completed_by WHERE t.id = ?::uuid", taskId);
            assertThat(rows.get(0).get("agent_type"), equalTo("cost"));
            assertThat((Integer) rows.get(0).get("attempts"), greaterThanOrEqualTo(2));
            assertThat("hand-over recorded in the audit trail", db().postgres("SELECT id FROM events WHERE type = "
                    + "'task_reassigned' AND payload->>'task_id' = ? AND payload->>'from_agent' = ?", taskId, firstAgent),
                    hasSize(1));
        } finally {
            faults.startIfStopped(processName);
        }
    }

    /** The cost agents as the registry sees them: names what a task waiting too long was waiting for. */
    private static List<String> costAgents(TestCustomer customer) {
        return Api.list(customer.client().agents(), Agent.class).stream()
                .filter(a -> "cost".equals(a.agentType()) && !"offline".equals(a.status()))
                .map(a -> a.hostname() + " " + a.status() + " tasks=" + a.currentTasks() + " load=" + a.load())
                .toList();
    }

    private record Observation(Response task, List<String> costAgents) {
        @Override
        public String toString() {
            return "task HTTP " + task.statusCode() + " " + task.asString() + "; live cost agents " + costAgents;
        }
    }
}
