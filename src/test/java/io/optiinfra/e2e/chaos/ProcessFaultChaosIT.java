package io.optiinfra.e2e.chaos;

import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Agent;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.Optimization;
import io.optiinfra.e2e.support.chaos.FaultCase;
import io.optiinfra.e2e.support.env.FaultControl;
import io.optiinfra.e2e.support.fixtures.Onboarding;
import io.optiinfra.e2e.support.fixtures.Optimizations;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.report.TestReport;
import io.optiinfra.e2e.support.wait.WaitHelper;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * SIGKILL and SIGSTOP/SIGCONT of platform processes mid-flight: an agent while it holds a task, the collector and
 * the orchestrator while a rollout gate runs. Disruptive: its own &lt;test&gt;, one case at a time. Needs an
 * environment with fault control; elsewhere each case is reported skipped with the reason.
 */
@Test(groups = Groups.CHAOS)
public class ProcessFaultChaosIT extends ChaosBase {
    private static final HttpClient HEALTH_PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    /** A task is held for well under a second: poll its row this often to catch it in the agent's hands. */
    private static final Duration HOLD_POLL = Duration.ofMillis(5);

    @DataProvider(name = "processFaults", propagateFailureAsTestFailure = true)
    public static Object[][] processFaults() {
        return rows(FaultCase.of("process"));
    }

    @Test(dataProvider = "processFaults")
    public void platformRecoversFromProcessFault(FaultCase fault) {
        FaultControl control = faultControl();
        if ("agent-holding-task".equals(fault.target())) {
            agentHoldingTask(fault, control);
        } else {
            duringRollout(fault, control, fault.target());
        }
    }

    /** The agent that holds a task of the case's agent type is killed or frozen; the task must still end. */
    private void agentHoldingTask(FaultCase fault, FaultControl control) {
        TestCustomer customer = newCustomer("Chaos " + fault.name());
        Onboarding.onboardFleet(api(), cloud(), customer, FaultCase.fleet());
        var baseline = io.optiinfra.e2e.support.chaos.CloudBaseline.of(cloud(), customer.customerId());

        TestReport.step("Act: analyze, catch a " + fault.agentType() + " task in an agent's hands, " + fault.fault() + " that agent");
        var started = customer.client().analyze(customer.customerId(), "cost");
        org.hamcrest.MatcherAssert.assertThat(started.asString(), started.statusCode(), org.hamcrest.Matchers.equalTo(202));
        Map<String, Object> held = WaitHelper.until("a " + fault.agentType() + " task of " + customer + " processing",
                Duration.ofSeconds(60), HOLD_POLL, () -> db().postgres("SELECT t.id, a.hostname FROM tasks t JOIN agents a "
                        + "ON a.id = t.agent_id WHERE t.customer_id = ?::uuid AND t.agent_type = ? AND t.status = 'processing'",
                        customer.customerId(), fault.agentType()), rows -> !rows.isEmpty()).get(0);
        String instance = ((String) held.get("hostname")).split("@")[0];
        TestReport.info("task " + held.get("id") + " is held by " + instance + ": " + fault.fault());
        strike(control, fault, instance, customer);

        TestReport.step("Assert: the held task and every other one end; the analysis completes");
        invariants().noTaskStranded(customer);
        invariants().check(customer, baseline);
    }

    /** A process killed or frozen while a rollout step runs. */
    private void duringRollout(FaultCase fault, FaultControl control, String target) {
        Prepared prepared = prepareRollout(fault.name());
        TestReport.step("Act: approve; " + fault.fault() + " " + target + " while " + fault.step() + " runs");
        String optimizationId = Optimizations.approve(prepared.customer(), prepared.recommendation());
        awaitStep(prepared.customer(), optimizationId, fault.step(), "running");
        strike(control, fault, target, prepared.customer());

        TestReport.step("Wait and assert: the rollout ends as expected; invariants");
        Optimization optimization = awaitEnd(prepared.customer(), optimizationId);
        assertOutcome(fault, optimization, prepared);
        invariants().check(prepared.customer(), prepared.baseline());
    }

    /**
     * kill: SIGKILL, an outage, start again; pause: SIGSTOP for the outage, then SIGCONT. While it is down, what a
     * client sees of the target proves the fault struck (a control that did nothing would let the case pass vacuously).
     */
    private void strike(FaultControl control, FaultCase fault, String target, TestCustomer customer) {
        Duration outage = outage();
        long begin = System.nanoTime();
        switch (fault.fault()) {
            case "kill" -> {
                control.kill(target);
                observeDown(target, customer, outage);
                restOf(outage, begin); // the outage itself: the process is down this long
                control.start(target);
            }
            case "pause" -> {
                control.pause(target);
                observeDown(target, customer, outage);
                restOf(outage, begin); // the freeze itself
                control.resume(target);
            }
            case "restart" -> control.restart(target);
            default -> throw new IllegalStateException("unknown process fault " + fault.fault());
        }
        TestReport.info(fault.fault() + " of " + target + " done (outage " + outage.toMillis() + " ms)");
    }

    /**
     * From outside, while the target is down: the orchestrator stops answering /health; the collector's samples of the
     * customer stop arriving (none for three telemetry intervals); an agent is shown offline by the registry. Each shows
     * well within the outage here (1.5 s of 3 s); on a slower machine the outage lasts until it showed, at most twice
     * as long, rather than the case failing for the machine's speed.
     */
    private void observeDown(String target, TestCustomer customer, Duration nominalOutage) {
        Duration bound = nominalOutage.multipliedBy(2);
        if ("orchestrator".equals(target)) {
            WaitHelper.until("orchestrator not answering GET /health", bound, Duration.ofMillis(50),
                    () -> answersHealth(env().orchestratorUrl()), answered -> !answered);
        } else if (target.startsWith("collector")) {
            long silence = env().telemetryInterval().toMillis() * 3;
            WaitHelper.until("age in ms of the newest sample of " + customer + " at least " + silence
                            + " (collector down; -1: none)", bound, Duration.ofMillis(100),
                    () -> newestSampleAgeMillis(customer), age -> age >= silence);
        } else {
            WaitHelper.until("latest registration of agent " + target + " shown offline by the registry", bound,
                    Duration.ofMillis(100), () -> latestRegistration(customer, target),
                    latest -> latest.isPresent() && "offline".equals(latest.get().status()));
        }
    }

    /** A restarted instance registers anew: its latest registration is the process a fault strikes. */
    private static Optional<Agent> latestRegistration(TestCustomer customer, String instance) {
        return Api.list(customer.client().agents(), Agent.class).stream()
                .filter(a -> String.valueOf(a.hostname()).startsWith(instance + "@"))
                .max(Comparator.comparing(a -> OffsetDateTime.parse(String.valueOf(a.registeredAt()))));
    }

    /**
     * The JDK client with a short timeout, not the suite's REST Assured client: that one has no read timeout, so a
     * frozen orchestrator would hold the probe for good.
     */
    private static boolean answersHealth(String baseUrl) {
        try {
            HEALTH_PROBE.send(HttpRequest.newBuilder(URI.create(baseUrl + "/health")).timeout(Duration.ofMillis(500))
                    .build(), HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (java.io.IOException e) {
            return false; // refused (killed) or unanswered (frozen)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How old the customer's newest telemetry sample is, or -1 when it has none (never a vacuous "silent"). */
    private long newestSampleAgeMillis(TestCustomer customer) {
        long newest = ((Number) db().clickhouse("SELECT max(ts_ms) AS newest FROM metrics WHERE customer_id = ?",
                customer.customerId()).get(0).get("newest")).longValue();
        return newest == 0 ? -1 : System.currentTimeMillis() - newest;
    }

    private static void restOf(Duration outage, long beginNanos) {
        long left = outage.toNanos() - (System.nanoTime() - beginNanos);
        if (left > 0) {
            LockSupport.parkNanos(left);
        }
    }
}
