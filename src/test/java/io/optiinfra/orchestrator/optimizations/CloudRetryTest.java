package io.optiinfra.orchestrator.optimizations;

import com.fasterxml.jackson.databind.node.NullNode;
import io.optiinfra.common.client.JsonHttp;
import org.testng.annotations.Test;

import java.net.http.HttpHeaders;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

/** The throttling policy of rollouts: Retry-After honoured, full jitter otherwise, and the caps that end retrying. */
public class CloudRetryTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    public void aRetryAfterIsWaitedInFullAndOnlyALittleLongerAtRandom() {
        Random random = new Random(7);
        for (int i = 0; i < 1_000; i++) {
            CloudRetry.Wait wait = CloudRetry.next(1 + i % 5, OptionalLong.of(300), 0, random);
            assertEquals(wait.retryAfterMs(), Long.valueOf(300));
            // never earlier than asked (a retry before it only earns another 429), at most 10 % later
            assertTrue(wait.millis() >= 300 && wait.millis() <= 330, "wait " + wait.millis() + " for Retry-After 300");
        }
        assertEquals(CloudRetry.next(1, OptionalLong.of(0), 0, random).millis(), 0L, "Retry-After: 0 means now");
    }

    @Test
    public void withoutRetryAfterTheWaitsSpreadOverTheWholeJitterWindow() {
        Random random = new Random(11);
        long[] waits = LongStream.range(0, 2_000).map(i -> CloudRetry.next(3, OptionalLong.empty(), 0, random).millis())
                .toArray();
        long window = CloudRetry.BASE_BACKOFF_MS << 3;
        assertEquals(window, 400L);
        assertTrue(LongStream.of(waits).allMatch(w -> w >= 0 && w <= window), "every wait within [0, " + window + "]");
        // full jitter: uniform over the window, so both ends are reached and the mean sits in the middle
        assertTrue(LongStream.of(waits).min().orElseThrow() < window / 20, "some wait near 0");
        assertTrue(LongStream.of(waits).max().orElseThrow() > window * 19 / 20, "some wait near the window's end");
        double mean = LongStream.of(waits).average().orElseThrow();
        assertTrue(Math.abs(mean - window / 2.0) < window * 0.05, "mean " + mean + " near " + window / 2);
        Set<Long> distinct = new HashSet<>();
        LongStream.of(waits).forEach(distinct::add);
        assertTrue(distinct.size() > 300, distinct.size() + " distinct waits: not a fixed schedule");
        assertNull(CloudRetry.next(3, OptionalLong.empty(), 0, random).retryAfterMs());
    }

    @Test
    public void theJitterWindowDoublesPerAttemptUpToItsCap() {
        assertEquals(List.of(CloudRetry.window(1), CloudRetry.window(2), CloudRetry.window(5), CloudRetry.window(7),
                CloudRetry.window(63)), List.of(100L, 200L, 1_600L, CloudRetry.MAX_BACKOFF_MS, CloudRetry.MAX_BACKOFF_MS));
    }

    @Test
    public void retryingEndsAtTheAttemptLimitAtAnOverlongRetryAfterAndAtTheBudget() {
        Random random = new Random(3);
        StepFailed limit = expectThrows(StepFailed.class,
                () -> CloudRetry.next(CloudRetry.THROTTLE_ATTEMPTS, OptionalLong.empty(), 0, random));
        assertTrue(limit.getMessage().contains("after " + CloudRetry.THROTTLE_ATTEMPTS + " attempts"), limit.getMessage());
        StepFailed overlong = expectThrows(StepFailed.class,
                () -> CloudRetry.next(1, OptionalLong.of(CloudRetry.MAX_RETRY_AFTER_MS + 1), 0, random));
        assertTrue(overlong.getMessage().contains("retry after " + (CloudRetry.MAX_RETRY_AFTER_MS + 1) + " ms"),
                overlong.getMessage());
        long waited = CloudRetry.THROTTLE_BUDGET_MS - 1_000;
        expectThrows(StepFailed.class, () -> CloudRetry.next(2, OptionalLong.of(1_001), waited, random));
        assertTrue(CloudRetry.next(2, OptionalLong.of(1_000), waited, random).millis() <= 1_000,
                "the 10 % spread does not overrun the budget");
        assertTrue(CloudRetry.next(5, OptionalLong.empty(), CloudRetry.THROTTLE_BUDGET_MS - 10, random).millis() <= 10,
                "backoff clipped to what is left of the budget");
    }

    @Test
    public void retryAfterIsReadFromMillisecondsSecondsOrAnHttpDate() {
        assertEquals(CloudRetry.retryAfterMillis(reply(Map.of("Retry-After-Ms", "250", "Retry-After", "1")), NOW),
                OptionalLong.of(250), "the precise header wins");
        assertEquals(CloudRetry.retryAfterMillis(reply(Map.of("retry-after", "2")), NOW), OptionalLong.of(2_000),
                "delta-seconds, header name in any case");
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(3).atOffset(ZoneOffset.UTC));
        assertEquals(CloudRetry.retryAfterMillis(reply(Map.of("Retry-After", date)), NOW), OptionalLong.of(3_000));
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.minusSeconds(3).atOffset(ZoneOffset.UTC));
        assertEquals(CloudRetry.retryAfterMillis(reply(Map.of("Retry-After", past)), NOW), OptionalLong.of(0));
        for (String junk : List.of("", "soon", "-1", "1.5", "99999999999999999999")) {
            assertEquals(CloudRetry.retryAfterMillis(reply(Map.of("Retry-After", junk)), NOW), OptionalLong.empty(),
                    "unreadable '" + junk + "': backoff decides");
        }
        assertEquals(CloudRetry.retryAfterMillis(reply(Map.of()), NOW), OptionalLong.empty());
    }

    private static JsonHttp.Reply reply(Map<String, String> headers) {
        Map<String, List<String>> multi = new java.util.HashMap<>();
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        return new JsonHttp.Reply(429, NullNode.getInstance(), HttpHeaders.of(multi, (k, v) -> true));
    }
}
