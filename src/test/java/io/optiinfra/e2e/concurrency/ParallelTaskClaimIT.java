package io.optiinfra.e2e.concurrency;

import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Agent;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.ApiError;
import io.optiinfra.e2e.support.api.Task;
import io.optiinfra.e2e.support.client.OptiInfraClient;
import io.optiinfra.e2e.support.concurrency.ConcurrencyData;
import io.optiinfra.e2e.support.concurrency.HeartbeatKeeper;
import io.optiinfra.e2e.support.concurrency.Race;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.report.TestReport;
import io.optiinfra.e2e.support.wait.WaitHelper;
import io.restassured.response.Response;
import org.testng.annotations.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;

/**
 * Parallel claims of one queued task by live agents (docs/internal-api.md): exactly one holder, the others 409
 * {@code task_held}; a further successful claim is only legitimate as a recorded take-over from a holder that had been
 * silent for the offline window (on an overloaded machine a heartbeat can take longer than that). The platform's own
 * resource agents would take the task within milliseconds, so they are kept busy first: every worker holds a blocker
 * task ({@code min_duration_ms}) and more blockers wait ahead of the task while the test's agents race for it.
 */
@Test(groups = Groups.CONCURRENCY, dependsOnGroups = Groups.SMOKE)
public class ParallelTaskClaimIT extends SuiteBase {
    /** Upper bound on blocker tasks: the workers of all platform resource agents (2 × 4) plus queued ones. */
    private static final int MAX_BLOCKERS = 24;
    /** How long each blocker holds a platform worker: the race happens well inside it. */
    private static final int BLOCKER_HOLD_MS = 30_000;
    /** The race (route, check, claims, read-back) must end before a held blocker does: it takes about a second. */
    private static final Duration RACE_MARGIN = Duration.ofSeconds(10);
    /** Other tests' tasks holding platform workers must end first: they are analyses of seconds, not minutes. */
    private static final Duration SATURATION_BOUND = Duration.ofSeconds(90);
    private static final Duration SATURATION_POLL = Duration.ofMillis(250);

    public void parallelClaimsOfOneQueuedTaskHaveExactlyOneHolder() {
        int contenders = ConcurrencyData.load().claimContenders();
        TestCustomer customer = newCustomer("Parallel Claims");
        OptiInfraClient agents = api().withToken(env().agentToken());
        List<String> contenderIds = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
            contenderIds.add(register(agents, "contender-" + i));
        }

        try (HeartbeatKeeper alive = new HeartbeatKeeper(agents, contenderIds, env().agentOfflineWindow().dividedBy(5))) {
            alive.awaitEveryoneAlive(Duration.ofSeconds(30)); // live agents from here to the end of the race

            TestReport.step("Arrange: every worker of the platform's resource agents holds a blocker task");
            List<String> blockers = saturatePlatformResourceAgents();
            TestReport.info("platform resource agents saturated by blockers " + blockers);
            String taskId = route(customer, Map.of());
            assertThat("precondition: task " + taskId + " waits in the queue (platform workers all busy)",
                    Api.read(customer.client().task(taskId), Task.class).status(), equalTo("queued"));

            TestReport.step("Act: " + contenders + " live agents claim task " + taskId + " at once");
            List<Response> answers = Race.run(contenders, i -> agents.post("/orchestrator/tasks/{id}/claim",
                    Map.of("agent_id", contenderIds.get(i)), taskId));

            TestReport.step("Assert: one holder; any further 200 is a recorded take-over from a holder gone silent");
            Map<String, Object> row = db().postgres("SELECT status, agent_id::text AS agent_id, attempts FROM tasks "
                    + "WHERE id = ?::uuid", taskId).get(0);
            List<Map<String, Object>> takeovers = legitimateTakeovers(taskId);
            TestReport.info("task row after the race: " + row + "; take-overs: " + takeovers);
            String what = "parallel claims (task row " + row + ", take-overs " + takeovers + ")";
            Map<Integer, Long> tally = Race.tally(what, answers);
            List<Response> winners = answers.stream().filter(r -> r.statusCode() == 200).toList();
            assertThat(what + ": successful claims = 1 + recorded take-overs (tally " + tally + ")", winners.size(),
                    equalTo(1 + takeovers.size()));
            assertThat(what + ": attempts = successful claims", row.get("attempts"), equalTo(winners.size()));
            answers.stream().filter(r -> r.statusCode() != 200).forEach(r -> assertThat(what + ": refused claim "
                    + r.asString(), Api.body(r, ApiError.class).error(), anyOf(equalTo("task_held"),
                    equalTo("dead_lettered"))));
            if (!"processing".equals(row.get("status"))) {
                return; // attempts ran out through take-overs: nothing to hand back
            }
            String holder = (String) row.get("agent_id");
            assertThat("holder of task " + taskId + " is one of the contenders that won", contenderIds.stream()
                    .filter(id -> winners.contains(answers.get(contenderIds.indexOf(id)))).toList(), hasItem(holder));

            TestReport.step("Clean up: the holder completes the task");
            Response completed = agents.post("/orchestrator/tasks/{id}/complete", Map.of("agent_id", holder,
                    "recommendations", List.of(), "result", Map.of()), taskId);
            assertThat(completed.asString(), completed.statusCode(), equalTo(200));
        }
    }

    /**
     * Routes long blocker tasks, each for a customer of its own (an agent gives one customer at most its fair share
     * of workers, and a blocker over its customer's share would wait, however idle the other agent), one at a time
     * while none is queued, until every worker of every platform resource agent holds one of them — their heartbeats
     * sent after the latest blocker started say so — and more blockers wait in the queue, ahead of the task under
     * test, than there are held blockers about to end. Other tests' tasks may hold workers for a while: they end,
     * and the queued blocker takes the freed worker.
     */
    private List<String> saturatePlatformResourceAgents() {
        List<String> blockers = new ArrayList<>();
        Saturation reached = WaitHelper.until("every platform resource worker holds a blocker, with enough blockers "
                        + "queued behind them (≤ " + MAX_BLOCKERS + " blockers)", SATURATION_BOUND, SATURATION_POLL,
                () -> {
                    Saturation now = saturation(blockers);
                    if (!now.reached() && now.queued() <= now.endingSoon()) {
                        assertThat("blockers needed to saturate the platform resource agents: " + now,
                                blockers.size(), lessThan(MAX_BLOCKERS));
                        blockers.add(route(newCustomer("Claim Blocker " + blockers.size()),
                                Map.of("min_duration_ms", BLOCKER_HOLD_MS)));
                    }
                    return now;
                }, Saturation::reached);
        TestReport.info("saturation: " + reached);
        return blockers;
    }

    /** Where the blockers stand, from the tasks table and the platform resource agents' latest heartbeats. */
    private Saturation saturation(List<String> blockers) {
        String ids = String.join(",", blockers);
        List<Map<String, Object>> agents = db().postgres("SELECT a.id::text AS agent, a.current_tasks, a.load, "
                + "a.last_heartbeat > coalesce((SELECT max(t.started_at) FROM tasks t WHERE t.id = ANY (string_to_array"
                + "(?, ',')::uuid[])), now()) AS fresh, (SELECT count(*) FROM tasks t WHERE t.id = ANY (string_to_array"
                + "(?, ',')::uuid[]) AND t.status = 'processing' AND t.agent_id = a.id) AS ours FROM agents a WHERE "
                + "a.agent_type = 'resource' AND a.status = 'active' AND a.hostname LIKE 'resource-agent%'", ids, ids);
        Map<String, Object> queue = db().postgres("SELECT count(*) FILTER (WHERE status = 'queued') AS queued, "
                + "count(*) FILTER (WHERE status = 'processing' AND now() - started_at > ?::interval) AS ending_soon "
                + "FROM tasks WHERE id = ANY (string_to_array(?, ',')::uuid[])",
                (BLOCKER_HOLD_MS - RACE_MARGIN.toMillis()) + " milliseconds", ids).get(0);
        return new Saturation(agents, ((Number) queue.get("queued")).intValue(),
                ((Number) queue.get("ending_soon")).intValue());
    }

    /**
     * @param agents     per platform resource agent: its heartbeat's current_tasks and load, whether that heartbeat
     *                   came after the latest blocker started, and how many blockers it holds
     * @param queued     blockers still queued (ahead of anything routed later)
     * @param endingSoon held blockers whose hold ends within {@link #RACE_MARGIN}
     */
    private record Saturation(List<Map<String, Object>> agents, int queued, int endingSoon) {
        boolean reached() {
            return !agents.isEmpty() && queued > endingSoon && agents.stream().allMatch(a ->
                    Boolean.TRUE.equals(a.get("fresh")) && ((Number) a.get("load")).doubleValue() >= 1.0
                            && ((Number) a.get("ours")).intValue() == ((Number) a.get("current_tasks")).intValue());
        }
    }

    /**
     * The take-overs the platform recorded for the task ({@code task_reassigned}); each must come after its previous
     * holder's last heartbeat by at least the offline window (docs/internal-api.md, Liveness) — else two live agents
     * held the task at once.
     */
    private List<Map<String, Object>> legitimateTakeovers(String taskId) {
        // the liveness key is set just before the heartbeat row is written: half the window is the slack for that gap
        long silentAtLeastMs = env().agentOfflineWindow().toMillis() / 2;
        List<Map<String, Object>> takeovers = db().postgres("SELECT e.payload->>'from_agent' AS from_agent, "
                + "e.payload->>'to_agent' AS to_agent, (extract(epoch FROM e.created_at - coalesce((SELECT "
                + "max(h.received_at) FROM agent_heartbeats h WHERE h.agent_id = (e.payload->>'from_agent')::uuid AND "
                + "h.received_at <= e.created_at), (SELECT a.registered_at FROM agents a WHERE a.id = "
                + "(e.payload->>'from_agent')::uuid))) * 1000)::bigint AS silent_ms FROM events e WHERE e.type = 'task_reassigned' AND "
                + "e.payload->>'task_id' = ? ORDER BY e.id", taskId);
        for (Map<String, Object> t : takeovers) {
            assertThat("take-over " + t + ": the previous holder had been silent (ms) long enough to count as offline",
                    ((Number) t.get("silent_ms")).longValue(), greaterThanOrEqualTo(silentAtLeastMs));
        }
        return takeovers;
    }

    private static String route(TestCustomer customer, Map<String, ?> parameters) {
        Response routed = customer.client().routeAnalysis(customer.customerId(), "resource", parameters);
        assertThat(routed.asString(), routed.statusCode(), equalTo(200));
        return Api.read(routed, Task.Routed.class).taskId();
    }

    private static String register(OptiInfraClient agents, String name) {
        Response registered = agents.post("/orchestrator/agents/register", Map.of("agent_type", "resource", "version",
                "e2e", "capabilities", List.of("resource"), "hostname", "claim-race-" + name));
        assertThat(registered.asString(), registered.statusCode(), equalTo(200));
        return Api.read(registered, Agent.Registration.class).agentId();
    }

}
