package io.optiinfra.orchestrator.optimizations;

import io.optiinfra.common.client.JsonHttp;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;

/**
 * How long a rollout waits before it retries a cloud call answered 429. The cloud's {@code Retry-After} is honoured
 * when given: retrying earlier only earns another 429. Without one, exponential backoff with full jitter (uniform in
 * [0, base·2^attempt]): a fixed schedule made every rollout throttled at the same moment come back at the same
 * moment, and be throttled together again.
 */
final class CloudRetry {
    /** Calls answered 429 are retried until this many attempts were made; the last 429 fails the step. */
    static final int THROTTLE_ATTEMPTS = 6;
    /** Jitter window after attempt n: [0, BASE · 2^n] ms, so 100, 200, 400, 800, 1600 ms for attempts 1–5. */
    static final long BASE_BACKOFF_MS = 50;
    static final long MAX_BACKOFF_MS = 5_000;
    /**
     * The longest Retry-After one wait honours. A cloud asking for more is not coming back within a rollout step's
     * patience: the step fails now (and rolls back) rather than park its thread or retry before it was allowed to.
     */
    static final long MAX_RETRY_AFTER_MS = 10_000;
    /** All the waiting one call may do across its retries; past it the step fails instead of retrying. */
    static final long THROTTLE_BUDGET_MS = 20_000;
    /** Non-standard but common (Azure's {@code retry-after-ms}): the exact wait, where whole seconds are too coarse. */
    static final String RETRY_AFTER_MS = "Retry-After-Ms";
    static final String RETRY_AFTER = "Retry-After";

    /** One decided wait: how long, and the Retry-After (ms) that dictated it, or null when it was jittered backoff. */
    record Wait(long millis, Long retryAfterMs) {}

    private CloudRetry() {}

    /**
     * The wait before retrying after the {@code attempt}-th answer 429 (1-based), given what the cloud asked for and
     * what this call already waited. Throws {@link StepFailed} when the call should not be retried at all.
     */
    static Wait next(int attempt, OptionalLong retryAfterMs, long waitedSoFarMs, RandomGenerator random) {
        if (attempt >= THROTTLE_ATTEMPTS) {
            throw new StepFailed("still throttled after " + attempt + " attempts");
        }
        long remaining = THROTTLE_BUDGET_MS - waitedSoFarMs;
        if (retryAfterMs.isPresent()) {
            long asked = retryAfterMs.getAsLong();
            if (asked > MAX_RETRY_AFTER_MS || asked > remaining) {
                throw new StepFailed("the cloud asked to retry after " + asked + " ms, beyond what this call may still "
                        + "wait (" + Math.min(MAX_RETRY_AFTER_MS, Math.max(0, remaining)) + " ms)");
            }
            // never earlier than asked; a little later at random, so rollouts told the same time do not return together
            long spread = random.nextLong(asked / 10 + 1);
            return new Wait(Math.min(asked + spread, remaining), asked);
        }
        return new Wait(Math.min(jitter(attempt, random), Math.max(0, remaining)), null);
    }

    /** Full jitter: uniform in [0, min(MAX_BACKOFF, BASE · 2^attempt)] ms. */
    static long jitter(int attempt, RandomGenerator random) {
        return random.nextLong(window(attempt) + 1);
    }

    /** The upper end of the jitter window after the {@code attempt}-th 429. */
    static long window(int attempt) {
        return attempt >= 30 ? MAX_BACKOFF_MS : Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS << attempt);
    }

    /**
     * The wait a 429 asks for: {@code Retry-After-Ms}, else {@code Retry-After} as delta-seconds or an HTTP date
     * (RFC 9110 §10.2.3); empty when the answer carries neither, or nothing readable (then backoff decides).
     */
    static OptionalLong retryAfterMillis(JsonHttp.Reply reply, Instant now) {
        OptionalLong ms = reply.header(RETRY_AFTER_MS).map(CloudRetry::nonNegativeLong).orElse(OptionalLong.empty());
        if (ms.isPresent()) {
            return ms;
        }
        return reply.header(RETRY_AFTER).map(value -> {
            OptionalLong seconds = nonNegativeLong(value);
            if (seconds.isPresent()) {
                return seconds.getAsLong() > Long.MAX_VALUE / 1000 ? OptionalLong.of(Long.MAX_VALUE)
                        : OptionalLong.of(seconds.getAsLong() * 1000);
            }
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return OptionalLong.of(Math.max(0, Duration.between(now, at).toMillis()));
            } catch (DateTimeParseException e) {
                return OptionalLong.empty();
            }
        }).orElse(OptionalLong.empty());
    }

    private static OptionalLong nonNegativeLong(String value) {
        String v = value.trim();
        if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(Character::isDigit)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(v));
    }
}
