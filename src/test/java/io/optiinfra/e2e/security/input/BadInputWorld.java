package io.optiinfra.e2e.security.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.security.access.Templates;
import io.optiinfra.e2e.support.api.Agent;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.InstallCommand;
import io.optiinfra.e2e.support.api.Task;
import io.optiinfra.e2e.support.client.OptiInfraClient;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.fixtures.TestCustomers;
import io.optiinfra.e2e.support.report.TestReport;
import io.optiinfra.e2e.support.wait.WaitHelper;
import io.restassured.response.Response;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;

/**
 * What the bad-input matrix breaks requests against, built once per class: a victim (onboarded without a first
 * analysis, with the inventory the infrastructure route's valid body describes, and one completed task, so the task
 * routes' valid bodies are accepted — as a duplicate — and a refusal is the bad part's doing), a bystander (another
 * tenant with an inventory of its own, whose real ids the reference cases send) and a registered fixture agent.
 */
final class BadInputWorld {
    static final String INFRASTRUCTURE_ROUTE = "PUT /internal/customers/{id}/infrastructure";
    private static final Duration TASK_DONE = Duration.ofSeconds(30);

    private final Supplier<OptiInfraClient> api;
    private final String agentToken;
    private final String serviceToken;
    private final TestCustomer victim;
    private final TestCustomer bystander;
    private final String victimRuntimeToken;
    private final String agentId;
    private String taskId;

    BadInputWorld(Supplier<OptiInfraClient> api, String agentToken, String serviceToken) {
        this.api = api;
        this.agentToken = agentToken;
        this.serviceToken = serviceToken;
        this.victim = TestCustomers.signUp(api.get(), "Bad Input Victim", "pro");
        // no first analysis: the agents must not file recommendations for the victim while the cases compare its rows
        Response onboarded = victim.client().onboard(victim.customerId(), "aws", "us-east-1",
                "arn:aws:iam::1:role/BadInput", false);
        assertThat(onboarded.asString(), onboarded.statusCode(), equalTo(202));
        this.victimRuntimeToken = Api.read(victim.client().agentInstallCommand(victim.customerId()),
                InstallCommand.class).agentToken();
        Response registered = agents().post("/orchestrator/agents/register", Map.of("agent_type", "application",
                "version", "bad-input", "capabilities", List.of(), "hostname", "bad-input-fixture"));
        assertThat(registered.asString(), registered.statusCode(), equalTo(200));
        this.agentId = Api.read(registered, Agent.Registration.class).agentId();
        this.bystander = TestCustomers.signUp(api.get(), "Bad Input Bystander", "pro");
        assertThat(bystander.client().setPriorityOrder(bystander.customerId(), List.of("cost", "customer")).statusCode(),
                equalTo(200));
        putInventory(bystander.customerId(), Map.of("status", "discovered", "cloud_provider", "aws", "region", "us-east-1",
                "instances", List.of(Map.of("id", bystanderInstance(), "instance_type", "g5.2xlarge", "cloud", "aws",
                        "region", "us-east-1", "market", "on_demand", "state", "running",
                        "details", Map.of("deployment_id", bystanderDeployment()))),
                "vllm_deployments", List.of(Map.of("id", bystanderDeployment(), "model", "m"))));
    }

    /**
     * The victim's inventory is the infrastructure route's own valid body (so a case breaking it starts from what is
     * stored), then the victim's completed task.
     */
    void arrangeVictim(JsonNode schemaRoutes) {
        JsonNode snapshot = Templates.fill(schemaRoutes.required(INFRASTRUCTURE_ROUTE).required("body"), values());
        putInventory(victim.customerId(), snapshot);
        this.taskId = completedTask();
    }

    /**
     * Routes a quality-baseline analysis for the victim and completes it as the fixture agent; when a platform agent
     * claims it first, that agent completes it. Either way the task ends completed (any other end is a failed arrange).
     * Its deployment_id selects none of the victim's deployments, so a platform agent has nothing to measure (the
     * victim's deployment is not in the simulated cloud) and nothing to store.
     */
    private String completedTask() {
        Response routed = victim.client().routeAnalysis(victim.customerId(), "quality_baseline",
                Map.of("deployment_id", "d-bad-input-selects-nothing"));
        assertThat(routed.asString(), routed.statusCode(), equalTo(200));
        String id = Api.read(routed, Task.Routed.class).taskId();
        Response claim = agents().post("/orchestrator/tasks/{id}/claim", Map.of("agent_id", agentId), id);
        assertThat(claim.asString(), claim.statusCode(), oneOf(200, 409));
        if (claim.statusCode() == 200) {
            Response done = agents().post("/orchestrator/tasks/{id}/complete", Map.of("agent_id", agentId,
                    "recommendations", List.of(), "result", Map.of()), id);
            assertThat(done.asString(), done.statusCode(), equalTo(200));
        }
        WaitHelper.until("fixture task " + id + " completed", TASK_DONE, () -> victim.client().task(id),
                r -> "completed".equals(Task.statusOf(r)));
        TestReport.info("fixture task " + id + " completed (claimed by " + (claim.statusCode() == 200 ? "the fixture agent"
                : "a platform agent") + ")");
        return id;
    }

    private void putInventory(String customerId, Object snapshot) {
        Object body = snapshot instanceof JsonNode json ? json.toString() : snapshot; // a String is sent as it is
        Response put = api.get().withServiceToken(serviceToken).put("/internal/customers/{id}/infrastructure", body,
                customerId);
        assertThat(put.asString(), put.statusCode(), equalTo(200));
    }

    private OptiInfraClient agents() {
        return api.get().withToken(agentToken);
    }

    /** The placeholders of input-schema.json; fresh ${random_uuid}, ${case.email} and times on every call. */
    Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("victim.customer_id", victim.customerId());
        values.put("victim.email", victim.email());
        values.put("victim.email_upper", victim.email().toUpperCase());
        values.put("victim.runtime_token", victimRuntimeToken);
        values.put("victim.instance_id", "i-bad-input-victim-1");
        values.put("victim.instance_id_2", "i-bad-input-victim-2");
        values.put("victim.deployment_id", "d-bad-input-victim");
        values.put("bystander.customer_id", bystander.customerId());
        values.put("bystander.instance_id", bystanderInstance());
        values.put("bystander.deployment_id", bystanderDeployment());
        values.put("bystander.resource_id", bystanderInstance());
        values.put("fixture.agent_id", agentId);
        if (taskId != null) {
            values.put("fixture.task_id", taskId);
        }
        values.put("random_uuid", UUID.randomUUID().toString());
        values.put("case.email", TestCustomers.uniqueEmail());
        Instant now = Instant.now();
        values.put("now", now.toString());
        values.put("now-1h", now.minusSeconds(3600).toString());
        return values;
    }

    private static String bystanderInstance() {
        return "i-bad-input-bystander-1";
    }

    private static String bystanderDeployment() {
        return "d-bad-input-bystander";
    }

    TestCustomer victim() {
        return victim;
    }

    TestCustomer bystander() {
        return bystander;
    }

    String victimRuntimeToken() {
        return victimRuntimeToken;
    }

    String agentId() {
        return agentId;
    }

    String taskId() {
        return taskId;
    }
}
