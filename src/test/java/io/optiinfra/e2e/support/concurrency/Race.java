package io.optiinfra.e2e.support.concurrency;

import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.ApiError;
import io.optiinfra.e2e.support.report.TestReport;
import io.restassured.response.Response;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.blankOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * Contenders released at the same instant: one thread each, all parked on a {@link CyclicBarrier} until the last one
 * arrives, then each sends its request. Answers come back in contender order. The pool is the caller's alone and is
 * shut down before returning, so nothing outlives the test.
 */
public final class Race {
    /** Bound for one contender's request (the platform answers in milliseconds; this only stops a hung test). */
    public static final Duration CONTENDER_TIMEOUT = Duration.ofSeconds(60);

    private Race() {}

    public static <T> List<T> run(int contenders, IntFunction<T> contender) {
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        CyclicBarrier start = new CyclicBarrier(contenders);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await(CONTENDER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    return contender.apply(index);
                }));
            }
            List<T> answers = new ArrayList<>();
            for (Future<T> future : futures) {
                answers.add(future.get(CONTENDER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            }
            return answers;
        } catch (ExecutionException e) {
            throw new AssertionError("a contender failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("a contender got no answer within " + CONTENDER_TIMEOUT.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while racing", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** HTTP status → how many answers had it, shown in the report and on stdout. */
    public static Map<Integer, Long> tally(String what, List<Response> answers) {
        Map<Integer, Long> byStatus = new TreeMap<>();
        answers.forEach(r -> byStatus.merge(r.statusCode(), 1L, Long::sum));
        String line = what + ": " + answers.size() + " contenders answered " + byStatus;
        TestReport.info(line);
        System.out.println("[concurrency] " + line);
        return byStatus;
    }

    /**
     * Exactly one contender won (2xx) and every other one got 409 with {@code {error, message}}; returns the winner.
     */
    public static Response assertExactlyOneWinner(String what, List<Response> answers) {
        Map<Integer, Long> byStatus = tally(what, answers);
        List<Response> winners = answers.stream().filter(r -> r.statusCode() / 100 == 2).toList();
        assertThat(what + ": number of 2xx answers (status tally " + byStatus + ")", winners.size(), equalTo(1));
        assertThat(what + ": number of 409 answers (status tally " + byStatus + ")",
                byStatus.getOrDefault(409, 0L), equalTo((long) answers.size() - 1));
        answers.stream().filter(r -> r.statusCode() == 409).forEach(r -> assertRefusal(what, r));
        return winners.get(0);
    }

    /** A refusal carries {error, message} (SPEC §5 error model). */
    public static void assertRefusal(String what, Response refusal) {
        ApiError error = Api.body(refusal, ApiError.class);
        assertThat(what + ": 409 body " + refusal.asString() + " has an error code",
                error.error(), not(blankOrNullString()));
        assertThat(what + ": 409 body " + refusal.asString() + " has a message",
                error.message(), not(blankOrNullString()));
    }
}
