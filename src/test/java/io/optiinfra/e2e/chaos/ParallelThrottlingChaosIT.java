package io.optiinfra.e2e.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Optimization;
import io.optiinfra.e2e.support.chaos.FaultCase;
import io.optiinfra.e2e.support.chaos.RetryTrail;
import io.optiinfra.e2e.support.concurrency.Race;
import io.optiinfra.e2e.support.fixtures.Optimizations;
import io.optiinfra.e2e.support.report.TestReport;
import io.optiinfra.e2e.support.wait.TimeBounds;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * Many rollouts throttled at once (catalog family {@code cloud_parallel}): several customers' spot migrations,
 * approved at the same instant, each account with the same throttling fault and no Retry-After. Each rollout must
 * retry every 429 and complete, and the retries must spread out in time rather than come back in lockstep (a fixed
 * backoff schedule makes rollouts throttled together retry together, and be throttled together again). The
 * yardsticks are outside the platform: the simulator's count of 429 answers and PostgreSQL's timestamps of the
 * {@code cloud_retry} audit rows, never the waits the platform says it chose.
 */
@Test(groups = Groups.CHAOS)
public class ParallelThrottlingChaosIT extends ChaosBase {
    /** Only stops a hung test: each preparation's own waits (analysis, validations) are bounded on their own. */
    static final Duration PREPARE_ALL = Duration.ofSeconds(180);

    @DataProvider(name = "parallelThrottling", parallel = true, propagateFailureAsTestFailure = true)
    public static Object[][] parallelThrottling() {
        return rows(FaultCase.of("cloud_parallel"));
    }

    @Test(dataProvider = "parallelThrottling")
    public void throttledRolloutsRetrySpreadOutInTime(FaultCase fault) {
        int n = fault.rollouts();
        // fewer 429s per rollout would leave no retry whose delay the spread is measured on: a vacuous pass
        assertThat("429s per rollout in '" + fault.name() + "' (the spread is measured from retry #"
                + TimeBounds.RETRY_SPREAD_FROM_ATTEMPT + " on)", fault.count(),
                greaterThanOrEqualTo(TimeBounds.RETRY_SPREAD_FROM_ATTEMPT));
        TestReport.step("Arrange: " + n + " customers with a validated " + FaultCase.recommendationType()
                + ", each account armed with " + fault.fault() + " ×" + fault.count() + " on '" + fault.operation() + "'");
        List<Prepared> rollouts = inParallel(n, i -> prepareRollout(fault.name() + " #" + i));
        for (Prepared p : rollouts) {
            cloud().injectFault(p.customer().customerId(), fault.fault(), p.deploymentId(), fault.magnitude(),
                    fault.count(), fault.operation(), fault.skip());
        }

        TestReport.step("Act: approve all " + n + " at the same instant");
        List<String> optimizationIds = Race.run(n, i -> Optimizations.approve(rollouts.get(i).customer(),
                rollouts.get(i).recommendation()));

        TestReport.step("Wait: every rollout ends on its own");
        List<RetryTrail> trails = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Prepared p = rollouts.get(i);
            Optimization optimization = awaitEnd(p.customer(), optimizationIds.get(i));

            TestReport.step("Assert rollout #" + i + ": the expected end, and each 429 one retry in its audit trail");
            JsonNode after = cloud().faults(p.customer().customerId()).get(0);
            int throttled = fault.count() - after.get("remaining").asInt();
            assertThat("429 answers the simulator gave rollout #" + i + " (the whole fault struck): " + after, throttled,
                    equalTo(fault.count()));
            assertOutcome(fault, optimization, p);
            RetryTrail trail = RetryTrail.of(db(), p.customer().customerId(), optimizationIds.get(i));
            TestReport.info("rollout #" + i + " cloud_retry rows: " + trail.retries());
            assertThat("cloud_retry rows of rollout #" + i + " vs the simulator's 429 answers: " + trail.retries(),
                    trail.size(), equalTo(throttled));
            assertThat("calls of rollout #" + i + " retried (the fault is scoped to one): " + trail.retries(),
                    trail.operations(), hasSize(1));
            assertThat("Retry-After told to rollout #" + i + " (the fault sets none)",
                    trail.retries().stream().map(RetryTrail.Retry::retryAfterMs).toList(), everyItem(nullValue()));
            trails.add(trail);
        }

        TestReport.step("Assert: the retries of the " + n + " rollouts spread out in time (audit rows' timestamps)");
        List<String> spreads = new ArrayList<>();
        List<String> inLockstep = new ArrayList<>();
        for (int attempt = TimeBounds.RETRY_SPREAD_FROM_ATTEMPT; attempt <= fault.count(); attempt++) {
            long window = TimeBounds.retryJitterWindow(attempt).toMillis();
            List<Double> delays = delaysBefore(trails, attempt);
            double spread = delays.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
                    - delays.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            TestReport.metric("spread of the delays before retry #" + attempt + " across " + n + " rollouts (jitter "
                    + "window " + window + " ms)", spread, "ms");
            String line = String.format("retry #%d: spread %.1f ms, least %.0f (window %d ms), delays %s", attempt,
                    spread, window * TimeBounds.RETRY_SPREAD_MIN_FRACTION, window,
                    delays.stream().map(d -> String.format("%.1f", d)).toList());
            spreads.add(line);
            if (spread <= window * TimeBounds.RETRY_SPREAD_MIN_FRACTION) {
                inLockstep.add(line);
            }
        }
        assertThat("retries in lockstep: the spread (max - min) across the rollouts of the delay before the same "
                + "retry is at most a quarter of its jitter window; all retries measured: " + spreads, inLockstep,
                empty());

        TestReport.step("Invariants of every rollout");
        rollouts.forEach(p -> invariants().check(p.customer(), p.baseline()));
    }

    /**
     * For each rollout, the delay before its retry of {@code attempt}: from the call's previous retry row to this one
     * (the answer to that attempt plus the wait after it), by PostgreSQL's timestamps. Under lockstep these differ by
     * machine noise only.
     */
    private static List<Double> delaysBefore(List<RetryTrail> trails, int attempt) {
        List<Double> delays = new ArrayList<>();
        for (RetryTrail trail : trails) {
            OptionalDouble delay = trail.delayBefore(trail.operations().get(0), attempt);
            delay.ifPresent(delays::add);
        }
        assertThat("delays before retry #" + attempt + " measured for every rollout " + delays, delays,
                hasSize(trails.size()));
        return delays;
    }

    /** Runs {@code n} preparations at once on a pool of this test's own, shut down before returning. */
    private static <T> List<T> inParallel(int n, IntFunction<T> work) {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> work.apply(index)));
            }
            long deadline = System.nanoTime() + PREPARE_ALL.toNanos();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return results;
        } catch (ExecutionException e) {
            throw new AssertionError("a preparation failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the preparations took longer than " + PREPARE_ALL.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while preparing", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
