package io.optiinfra.orchestrator.optimizations;

import io.javalin.Javalin;
import io.optiinfra.cloudsim.CloudSimulator;
import io.optiinfra.cloudsim.CloudSimulatorApp;
import io.optiinfra.cloudsim.faults.FaultRequest;
import io.optiinfra.common.client.JsonHttp;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

/**
 * A rollout's cloud calls against the real simulator over HTTP: its throttling fault's Retry-After reaches the
 * platform through the response headers and is waited out, and every retry is handed to the audit log.
 */
public class CloudActionsThrottlingTest {
    private CloudSimulator simulator;
    private Javalin app;
    private JsonHttp cloud;

    record Retry(String operation, int attempt, int status, long waitedMs, Long retryAfterMs) {}

    @BeforeClass
    public void start() {
        simulator = new CloudSimulator();
        app = CloudSimulatorApp.create(simulator).start("127.0.0.1", 0);
        cloud = new JsonHttp("http://127.0.0.1:" + app.port(), Map.of());
    }

    @AfterClass(alwaysRun = true)
    public void stop() {
        if (app != null) {
            app.stop();
        }
    }

    @Test
    public void theSimulatorsRetryAfterIsWaitedOutAndEachRetryIsLogged() {
        String customer = "c-" + UUID.randomUUID();
        simulator.faults().inject(new FaultRequest(customer, "throttling", null, 150.0, 2, "launch instances", null));
        List<Retry> retries = new CopyOnWriteArrayList<>();
        CloudActions actions = new CloudActions(cloud, customer, (op, attempt, status, waited, after) ->
                retries.add(new Retry(op, attempt, status, waited, after)));

        long start = System.nanoTime();
        List<String> ids = actions.createInstances("aws", "us-east-1", "g5.2xlarge", "on_demand", 1, null, "stable");
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertEquals(ids.size(), 1, "the third attempt went through");
        assertEquals(retries.size(), 2, "one logged retry per 429: " + retries);
        for (int i = 0; i < retries.size(); i++) {
            Retry r = retries.get(i);
            assertEquals(r.attempt(), i + 1);
            assertEquals(r.status(), 429);
            assertEquals(r.retryAfterMs(), Long.valueOf(150), "Retry-After-Ms of the fault");
            assertTrue(r.waitedMs() >= 150, "waited " + r.waitedMs() + " ms of the 150 asked");
            assertTrue(r.operation().startsWith("create 1 on_demand g5.2xlarge"), r.operation());
        }
        assertTrue(tookMs >= 300, "two waits of 150 ms took " + tookMs + " ms");
    }

    @Test
    public void withoutRetryAfterTheBackoffIsJitteredAndTheAttemptLimitStillHolds() {
        String customer = "c-" + UUID.randomUUID();
        simulator.faults().inject(new FaultRequest(customer, "throttling", null, null, CloudRetry.THROTTLE_ATTEMPTS,
                "launch instances", null));
        List<Retry> retries = new CopyOnWriteArrayList<>();
        CloudActions actions = new CloudActions(cloud, customer, (op, attempt, status, waited, after) ->
                retries.add(new Retry(op, attempt, status, waited, after)));

        StepFailed failed = expectThrows(StepFailed.class,
                () -> actions.createInstances("aws", "us-east-1", "g5.2xlarge", "on_demand", 1, null, "stable"));

        assertTrue(failed.getMessage().startsWith("cloud refused to create 1 on_demand g5.2xlarge: 429"),
                failed.getMessage());
        assertEquals(retries.size(), CloudRetry.THROTTLE_ATTEMPTS - 1, "every attempt but the last retried: " + retries);
        for (Retry r : retries) {
            assertNull(r.retryAfterMs(), "no Retry-After on the wire");
            // a little scheduler slack over the window: Thread.sleep is never early, and rarely late by much
            assertTrue(r.waitedMs() <= CloudRetry.window(r.attempt()) + 50, r + " beyond its jitter window");
        }
        assertEquals(simulator.instances().list(customer, null, null).size(), 0, "a 429 changes nothing");
    }
}
