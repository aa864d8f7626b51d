package io.optiinfra.e2e.chaos;

import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.Health;
import io.optiinfra.e2e.support.api.Optimization;
import io.optiinfra.e2e.support.chaos.CloudBaseline;
import io.optiinfra.e2e.support.chaos.FaultCase;
import io.optiinfra.e2e.support.client.EventSocket;
import io.optiinfra.e2e.support.env.FaultControl;
import io.optiinfra.e2e.support.fixtures.Onboarding;
import io.optiinfra.e2e.support.fixtures.Optimizations;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.report.TestReport;
import io.optiinfra.e2e.support.wait.WaitHelper;
import io.restassured.response.Response;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Redis restarted and frozen, ClickHouse stopped and started, PostgreSQL restarted — mid-flight. While a store is down
 * /health answers 503 naming it, and 200 once it is back; live WebSocket events flow again after Redis returns;
 * then every invariant. Disruptive: its own &lt;test&gt;, one case at a time.
 */
@Test(groups = Groups.CHAOS)
public class StoreFaultChaosIT extends ChaosBase {
    /** /health probes each store with a bounded timeout (2 s); an outage shows within a few probes. */
    private static final Duration HEALTH_REACTS = Duration.ofSeconds(15);

    @DataProvider(name = "storeFaults", propagateFailureAsTestFailure = true)
    public static Object[][] storeFaults() {
        return rows(FaultCase.of("store"));
    }

    @Test(dataProvider = "storeFaults")
    public void platformRecoversFromStoreFault(FaultCase fault) {
        FaultControl control = faultControl();
        String store = fault.target();
        TestCustomer customer;
        CloudBaseline baseline;
        String optimizationId = null;
        Prepared prepared = null;
        if (fault.duringRollout()) {
            prepared = prepareRollout(fault.name());
            customer = prepared.customer();
            baseline = prepared.baseline();
        } else {
            customer = newCustomer("Chaos " + fault.name());
            Onboarding.onboardFleet(api(), cloud(), customer, FaultCase.fleet());
            baseline = CloudBaseline.of(cloud(), customer.customerId());
        }
        try (EventSocket socket = EventSocket.open(env().orchestratorUrl(), customer.customerId(), customer.accessToken())) {
            TestReport.step("Act: " + fault.fault() + " " + store + (fault.duringRollout() ? " while " + fault.step()
                    + " runs" : " with analysis tasks in flight"));
            if (fault.duringRollout()) {
                optimizationId = Optimizations.approve(customer, prepared.recommendation());
                awaitStep(customer, optimizationId, fault.step(), "running");
            }
            // analysis phase: the work is asked for while the store is down (its tasks' stream writes fail), so only
            // redelivery after the outage can get them done
            outage(control, fault, store, fault.duringRollout() ? () -> { } : () -> {
                Response started = customer.client().analyze(customer.customerId(), null);
                assertThat("analysis accepted while " + store + " is down: " + started.asString(), started.statusCode(),
                        equalTo(202));
            });

            TestReport.step("Assert: /health 200 again; the work asked for during the outage gets done (redelivery)");
            awaitHealth(200, null);
            if (!fault.duringRollout()) {
                invariants().noTaskStranded(customer);
            }

            TestReport.step("Assert: WebSocket events flow after the outage");
            int before = socket.messages().size();
            Response again = customer.client().analyze(customer.customerId(), "resource");
            assertThat(again.asString(), again.statusCode(), equalTo(202));
            WaitHelper.until("a live event on the customer's socket after " + store + " came back", HEALTH_REACTS,
                    socket::messages, m -> m.size() > before);
            assertThat("socket close code", socket.closeCode(), equalTo(null));

            if (optimizationId != null) {
                Optimization optimization = awaitEnd(customer, optimizationId);
                assertOutcome(fault, optimization, prepared);
            }
            invariants().check(customer, baseline);
        }
    }

    /** Stops (or freezes) the store for the outage, proving /health names it while it is down. */
    private void outage(FaultControl control, FaultCase fault, String store, Runnable duringOutage) {
        Duration outage = outage();
        if ("pause".equals(fault.fault())) {
            control.pause(store);
            try {
                awaitHealth(503, store);
                LockSupport.parkNanos(outage.toNanos()); // the freeze itself
            } finally {
                control.resume(store);
            }
        } else {
            control.stop(store);
            try {
                awaitHealth(503, store);
                duringOutage.run();
                LockSupport.parkNanos(outage.toNanos()); // the outage itself
            } finally {
                control.start(store);
            }
        }
        TestReport.info(fault.fault() + " of " + store + " over (outage " + outage.toMillis() + " ms + detection)");
    }

    /** Waits for /health to answer {@code status}; for 503, naming {@code store} as down. */
    private void awaitHealth(int status, String store) {
        WaitHelper.until("/health " + status + (store == null ? "" : " naming " + store + " down"), HEALTH_REACTS,
                Duration.ofMillis(200), () -> api().health(),
                r -> r.statusCode() == status && (store == null
                        || "down".equals(Api.body(r, Health.class).component(store))));
    }
}
