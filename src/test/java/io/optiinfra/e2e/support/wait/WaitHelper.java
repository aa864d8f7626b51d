package io.optiinfra.e2e.support.wait;

import io.optiinfra.e2e.support.report.TestReport;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Named waits on Awaitility. A timeout fails with the wait's name, its bound and the last state observed, so a red
 * test says what the platform was doing instead of "condition not met".
 */
public final class WaitHelper {
    public static final Duration DEFAULT_POLL = Duration.ofMillis(100);

    private WaitHelper() {}

    /** Polls {@code probe} until {@code done} holds and returns the value that satisfied it. */
    public static <T> T until(String name, Duration atMost, Callable<T> probe, Predicate<? super T> done) {
        return until(name, atMost, DEFAULT_POLL, probe, done);
    }

    public static <T> T until(String name, Duration atMost, Duration poll, Callable<T> probe, Predicate<? super T> done) {
        AtomicReference<T> last = new AtomicReference<>();
        AtomicInteger attempts = new AtomicInteger();
        long start = System.nanoTime();
        try (TestReport.Collapsed collapsed = TestReport.collapse()) { // one report line per wait, not one per poll
            T value = Awaitility.await(name)
                    .atMost(atMost)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(poll)
                    .until(() -> {
                        attempts.incrementAndGet();
                        T observed = probe.call();
                        last.set(observed);
                        return observed;
                    }, done::test);
            TestReport.info("waited " + (System.nanoTime() - start) / 1_000_000 + " ms (" + attempts.get()
                    + " attempt(s)) for: " + name + "; last observed: " + abbreviate(describe(last.get()), 300));
            return value;
        } catch (ConditionTimeoutException e) {
            String message = "'" + name + "' not reached within " + atMost.toMillis() + " ms (" + attempts.get()
                    + " attempt(s)); last observed: " + abbreviate(describe(last.get()), 2000);
            TestReport.info(message);
            throw new AssertionError(message, e);
        }
    }

    /** HTTP responses are shown as status and body; anything else as its string form. */
    private static String describe(Object value) {
        if (value instanceof io.restassured.response.Response response) {
            return "HTTP " + response.statusCode() + " " + response.asString();
        }
        return String.valueOf(value);
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }
}
