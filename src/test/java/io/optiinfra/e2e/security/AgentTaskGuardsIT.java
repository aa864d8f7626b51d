package io.optiinfra.e2e.security;

import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Agent;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.ApiError;
import io.optiinfra.e2e.support.api.Task;
import io.optiinfra.e2e.support.client.OptiInfraClient;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.report.TestReport;
import io.optiinfra.e2e.support.wait.WaitHelper;
import io.restassured.response.Response;
import org.testng.annotations.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;

/**
 * A task that a live agent runs cannot be taken from it with the platform agent token alone: another registered agent
 * cannot fail (re-queue) it, and an agent id the registry does not know can neither claim, complete nor fail it.
 */
@Test(groups = {Groups.SECURITY}, dependsOnGroups = Groups.SMOKE)
public class AgentTaskGuardsIT extends SuiteBase {

    public void onlyTheHoldingAgentCanHandATaskBackAndUnknownAgentsChangeNothing() {
        TestReport.step("Arrange: a cost task a real agent holds for 20 s, and a second registered agent");
        TestCustomer customer = newCustomer("Task Guard Co");
        String taskId = Api.read(customer.client().routeAnalysis(customer.customerId(), "cost",
                Map.of("min_duration_ms", 20000)), Task.Routed.class).taskId();
        Response processing = WaitHelper.until("task " + taskId + " picked up", Duration.ofSeconds(20),
                () -> customer.client().task(taskId), r -> "processing".equals(Task.statusOf(r)));
        String holder = Api.read(processing, Task.class).agentId();
        OptiInfraClient agent = api().withToken(env().agentToken());
        String intruder = Api.read(agent.post("/orchestrator/agents/register", Map.of("agent_type", "cost",
                "version", "x", "capabilities", List.of(), "hostname", "task-guard-intruder")), Agent.Registration.class)
                .agentId();
        String unknown = UUID.randomUUID().toString();

        TestReport.step("Act: fail from the wrong agent; claim, complete and fail from an unregistered one");
        Response failByOther = agent.post("/orchestrator/tasks/{t}/fail", Map.of("agent_id", intruder, "error", "x",
                "permanent", false), taskId);
        Response claimByUnknown = agent.post("/orchestrator/tasks/{t}/claim", Map.of("agent_id", unknown), taskId);
        Response completeByUnknown = agent.post("/orchestrator/tasks/{t}/complete", Map.of("agent_id", unknown,
                "recommendations", List.of(), "result", Map.of()), taskId);
        Response failByUnknown = agent.post("/orchestrator/tasks/{t}/fail", Map.of("agent_id", unknown, "error", "x",
                "permanent", true), taskId);

        TestReport.step("Assert: all refused, the task still runs on its holder");
        assertThat("fail from an agent that does not hold the task: " + failByOther.asString(),
                failByOther.statusCode(), equalTo(409));
        assertThat(Api.body(failByOther, ApiError.class).error(), equalTo("not_holder"));
        for (Response r : List.of(claimByUnknown, completeByUnknown, failByUnknown)) {
            assertThat("unregistered agent: " + r.asString(), r.statusCode(), equalTo(409));
            assertThat(Api.body(r, ApiError.class).error(), equalTo("agent_not_registered"));
        }
        Map<String, Object> row = db().postgres("SELECT status, agent_id::text AS agent_id, completed_by FROM tasks "
                + "WHERE id = ?::uuid", taskId).get(0);
        assertThat("task row after the refusals: " + row, row.get("agent_id"), equalTo(holder));
        assertThat("task row after the refusals: " + row, row.get("completed_by"), equalTo(null));
        assertThat("task row after the refusals: " + row, row.get("status"), oneOf("processing", "completed"));
        Response done = WaitHelper.until("task " + taskId + " completed by its holder", Duration.ofSeconds(60),
                () -> customer.client().task(taskId), r -> "completed".equals(Task.statusOf(r)));
        assertThat(Api.read(done, Task.class).completedBy(), equalTo(holder));
    }
}
