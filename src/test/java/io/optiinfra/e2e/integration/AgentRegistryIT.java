package io.optiinfra.e2e.integration;

import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Agent;
import io.optiinfra.e2e.support.api.Api;
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
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

/** The agent registry: registration, heartbeats, liveness TTLs in Redis, history in PostgreSQL, offline expiry. */
@Test(groups = Groups.INTEGRATION, dependsOnGroups = Groups.SMOKE)
public class AgentRegistryIT extends SuiteBase {

    private OptiInfraClient asPlatformAgent() {
        return api().withToken(env().agentToken());
    }

    public void everyAgentTypeIsRegisteredActiveAndAliveInRedis() {
        TestCustomer viewer = newCustomer("Agent Viewer");

        List<Agent> agents = Api.list(viewer.client().agents(), Agent.class);

        for (String type : List.of("cost", "performance", "resource", "application")) {
            Agent agent = agents.stream()
                    .filter(a -> type.equals(a.agentType()) && "active".equals(a.status()))
                    .findFirst().orElseThrow(() -> new AssertionError("no active " + type + " agent in " + agents));
            assertThat(agent.lastHeartbeat(), notNullValue());
            assertThat("agent_id", agent.agentId(), notNullValue());
            long pttl = db().redis().pttl("optiinfra:agent:alive:" + agent.agentId());
            TestReport.info(type + " agent liveness PTTL = " + pttl + " ms");
            assertThat(type + " liveness TTL", pttl, allOf(greaterThan(0L),
                    lessThanOrEqualTo(env().agentOfflineWindow().toMillis())));
            assertThat(db().postgres("SELECT status FROM agents WHERE id = ?::uuid", agent.agentId())
                    .get(0).get("status"), equalTo("active"));
        }
    }

    public void registeredAgentHeartbeatsAreKeptAsHistory() {
        TestReport.step("Act: register as a platform agent and send two heartbeats");
        Response register = asPlatformAgent().post("/orchestrator/agents/register", Map.of("agent_type", "application",
                "version", "9.9.9", "capabilities", List.of("quality_baseline"), "hostname", "suite-probe"));
        assertThat(register.asString(), register.statusCode(), equalTo(200));
        Agent.Registration registration = Api.read(register, Agent.Registration.class);
        assertThat(registration.registered(), equalTo(true));
        String agentId = registration.agentId();
        for (String status : List.of("active", "degraded")) {
            Response beat = asPlatformAgent().post("/orchestrator/agents/{id}/heartbeat",
                    Map.of("status", status, "current_tasks", 1, "load", 0.5), agentId);
            assertThat(beat.statusCode(), equalTo(200));
        }

        TestReport.step("Prove in stores: registry row, heartbeat history, liveness key");
        List<Map<String, Object>> rows = db().postgres("SELECT agent_type, version, hostname, status FROM agents "
                + "WHERE id = ?::uuid", agentId);
        assertThat(rows.get(0).get("version"), equalTo("9.9.9"));
        assertThat(rows.get(0).get("status"), equalTo("degraded"));
        assertThat(db().postgres("SELECT status FROM agent_heartbeats WHERE agent_id = ?::uuid ORDER BY id", agentId),
                hasSize(2));
        assertThat(db().redis().get("optiinfra:agent:alive:" + agentId), equalTo("degraded"));
    }

    public void agentThatStopsHeartbeatingGoesOfflineWithinTheWindow() {
        Response register = asPlatformAgent().post("/orchestrator/agents/register", Map.of("agent_type", "resource",
                "version", "1.0", "capabilities", List.of(), "hostname", "suite-silent-agent"));
        String agentId = Api.read(register, Agent.Registration.class).agentId();
        Duration window = env().agentOfflineWindow();

        TestReport.step("Wait: no heartbeats, so the registry must mark the agent offline");
        Map<String, Object> row = WaitHelper.until("agent " + agentId + " offline", window.multipliedBy(4),
                () -> db().postgres("SELECT status, offline_at, (extract(epoch FROM offline_at - registered_at) * 1000)"
                        + "::bigint AS silent_ms FROM agents WHERE id = ?::uuid", agentId).get(0),
                r -> "offline".equals(r.get("status")));

        // measured between the registry's own timestamps, so the test client's latency does not count
        long silentMs = ((Number) row.get("silent_ms")).longValue();
        TestReport.metric("silence before offline", silentMs, "ms");
        assertThat("offline only after the window (" + window.toMillis() + " ms)", silentMs,
                greaterThanOrEqualTo(window.toMillis() - 250));
        assertThat("offline soon after the window", silentMs, lessThanOrEqualTo(window.toMillis() * 4));
        assertThat(row.get("offline_at"), notNullValue());
        assertThat(db().redis().exists("optiinfra:agent:alive:" + agentId), equalTo(false));
        assertThat(db().postgres("SELECT type FROM events WHERE type = 'agent_offline' AND payload->>'agent_id' = ?",
                agentId), hasSize(1));
    }

    public void heartbeatOfUnknownAgentIs404AndBadRegistrationIs400() {
        Response unknown = asPlatformAgent().post("/orchestrator/agents/{id}/heartbeat",
                Map.of("status", "active", "current_tasks", 0, "load", 0.0), UUID.randomUUID().toString());
        Response badType = asPlatformAgent().post("/orchestrator/agents/register", Map.of("agent_type", "janitor",
                "version", "1", "capabilities", List.of(), "hostname", "h"));
        Response badStatus = asPlatformAgent().post("/orchestrator/agents/{id}/heartbeat",
                Map.of("status", "sleepy", "current_tasks", 0, "load", 0.0), UUID.randomUUID().toString());

        assertThat(unknown.statusCode(), equalTo(404));
        assertThat(badType.statusCode(), equalTo(400));
        assertThat(badStatus.statusCode(), equalTo(400));
    }
}
