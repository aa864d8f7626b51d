package io.optiinfra.e2e.integration;

import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.Task;
import io.optiinfra.e2e.support.data.TestData;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.report.TestReport;
import io.optiinfra.e2e.support.wait.WaitHelper;
import io.restassured.response.Response;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Task routing over Redis Streams: every analysis type reaches its agent type; bad tasks are dead-lettered. */
@Test(groups = Groups.INTEGRATION, dependsOnGroups = Groups.SMOKE)
public class TaskRoutingIT extends SuiteBase {
    private static final Duration TASK_TIMEOUT = Duration.ofSeconds(30);

    @DataProvider(name = "analysisTypes", parallel = true, propagateFailureAsTestFailure = true)
    public Object[][] analysisTypes() {
        List<Object[]> rows = new ArrayList<>();
        TestData.readTree("routing.json").get("routes").fields()
                .forEachRemaining(e -> rows.add(new Object[] {e.getKey(), e.getValue().asText()}));
        return rows.toArray(Object[][]::new);
    }

    @Test(dataProvider = "analysisTypes")
    public void analysisTypeIsRoutedToAndCompletedByItsAgentType(String analysisType, String agentType) {
        TestCustomer customer = newCustomer("Routing " + analysisType);

        Response routed = customer.client().routeAnalysis(customer.customerId(), analysisType, Map.of());

        assertThat(routed.asString(), routed.statusCode(), equalTo(200));
        Task.Routed routing = Api.read(routed, Task.Routed.class);
        assertThat(routing.routedToAgent(), equalTo(agentType + "-agent"));
        String taskId = routing.taskId();
        Response task = WaitHelper.until("task " + taskId + " (" + analysisType + ") completed", TASK_TIMEOUT,
                () -> customer.client().task(taskId), r -> "completed".equals(Task.statusOf(r)));
        List<Map<String, Object>> rows = db().postgres("SELECT t.agent_type, a.agent_type AS completed_by_type, "
                + "t.stream_id FROM tasks t JOIN agents a ON a.id = t.completed_by WHERE t.id = ?::uuid", taskId);
        assertThat(rows.get(0).get("completed_by_type"), equalTo(agentType));
        assertThat(Api.read(task, Task.class).agentType(), equalTo(agentType));
        List<StreamEntry> entries = db().redis().xrange("optiinfra:tasks:" + agentType,
                new StreamEntryID((String) rows.get(0).get("stream_id")), new StreamEntryID((String) rows.get(0).get("stream_id")));
        assertThat("the task went through the " + agentType + " stream", entries, hasSize(1));
        assertThat(entries.get(0).getFields().get("task_id"), equalTo(taskId));
    }

    public void malformedTaskParametersEndInTheDeadLetterStreamAndTheAgentKeepsWorking() {
        TestCustomer customer = newCustomer("Dead Letter Sender");

        TestReport.step("Act: a task whose parameters the agent cannot accept");
        String badTask = Api.read(customer.client().routeAnalysis(customer.customerId(), "resource",
                Map.of("lookback_minutes", "forever")), Task.Routed.class).taskId();
        String goodTask = Api.read(customer.client().routeAnalysis(customer.customerId(), "resource",
                Map.of("lookback_minutes", 5)), Task.Routed.class).taskId();

        TestReport.step("Wait: the bad one is dead-lettered, the good one completes");
        WaitHelper.until("task " + badTask + " dead-lettered", TASK_TIMEOUT, () -> customer.client().task(badTask),
                r -> "dead_lettered".equals(Task.statusOf(r)));
        WaitHelper.until("task " + goodTask + " completed", TASK_TIMEOUT, () -> customer.client().task(goodTask),
                r -> "completed".equals(Task.statusOf(r)));

        TestReport.step("Prove in stores: one dead letter for it, attempted once");
        List<StreamEntry> deadLetters = db().redis().xrange("optiinfra:tasks:dead-letter", (StreamEntryID) null,
                (StreamEntryID) null).stream().filter(e -> badTask.equals(e.getFields().get("task_id"))).toList();
        assertThat(deadLetters, hasSize(1));
        assertThat(deadLetters.get(0).getFields().get("agent_type"), equalTo("resource"));
        assertThat(db().postgres("SELECT attempts FROM tasks WHERE id = ?::uuid", badTask).get(0).get("attempts"),
                equalTo(1));
    }

    public void routingRefusesUnknownTypesOtherTenantsAndUnknownCustomers() {
        TestCustomer alice = newCustomer("Routing Alice");
        TestCustomer bob = newCustomer("Routing Bob");

        Response unknownType = alice.client().routeAnalysis(alice.customerId(), "astrology", Map.of());
        Response otherTenant = alice.client().routeAnalysis(bob.customerId(), "cost", Map.of());
        Response unknownCustomer = alice.client().routeAnalysis(UUID.randomUUID().toString(), "cost", Map.of());
        Response badAgentType = alice.client().analyze(alice.customerId(), "astrologer");

        assertThat(unknownType.statusCode(), equalTo(400));
        assertThat(otherTenant.statusCode(), equalTo(403));
        assertThat(unknownCustomer.statusCode(), equalTo(404));
        assertThat(badAgentType.statusCode(), equalTo(400));
        assertThat(db().postgres("SELECT id FROM tasks WHERE customer_id IN (?::uuid, ?::uuid)", alice.customerId(),
                bob.customerId()), hasSize(0));
    }

}
