package io.optiinfra.orchestrator.auth;

import io.optiinfra.common.ApiException;
import io.optiinfra.store.RedisStore;

import java.util.List;

/**
 * Counts failed logins per username in Redis; once {@code maxFailures} have failed within the window the username
 * answers 429 with Retry-After. A failure is counted atomically and answered 401 only while the new count is within
 * the limit, 429 beyond it, so N parallel wrong passwords never get more than {@code maxFailures} answers of 401,
 * while parallel correct logins are never counted. A successful login clears the counter.
 *
 * <p>Each check and count is one Lua script, so the counter and its expiry are set together: an INCR followed by a
 * separate EXPIRE left a counter without TTL — a permanent lockout — when the process died between the two. The
 * scripts also give such a counter (left by an older version) its window when they meet it. They use only commands
 * of Redis 2.6+ (no {@code EXPIRE ... NX}, which needs 7.0), so Redis 6.2 runs them too.
 */
public final class LoginRateLimiter {
    /**
     * KEYS[1] counter, ARGV[1] window seconds, ARGV[2] limit. Counts one failure; beyond the limit the count is taken
     * back (the counter says how many were answered 401). Returns {count including this one, seconds left}.
     */
    static final String RECORD_FAILURE = """
            local count = redis.call('INCR', KEYS[1])
            local ttl = redis.call('TTL', KEYS[1])
            if ttl < 0 then
              redis.call('EXPIRE', KEYS[1], ARGV[1])
              ttl = tonumber(ARGV[1])
            end
            if count > tonumber(ARGV[2]) then
              redis.call('DECR', KEYS[1])
            end
            return {count, ttl}
            """;
    /**
     * KEYS[1] counter, ARGV[1] window seconds. Returns {failures so far, seconds left}, {0, 0} without a counter; a
     * counter without TTL gets the window from now.
     */
    static final String CHECK = """
            local count = redis.call('GET', KEYS[1])
            if not count then
              return {0, 0}
            end
            local ttl = redis.call('TTL', KEYS[1])
            if ttl < 0 then
              redis.call('EXPIRE', KEYS[1], ARGV[1])
              ttl = tonumber(ARGV[1])
            end
            return {tonumber(count), ttl}
            """;

    private final RedisStore redis;
    private final int maxFailures;
    private final int windowSeconds;

    public LoginRateLimiter(RedisStore redis, int maxFailures, int windowSeconds) {
        this.redis = redis;
        this.maxFailures = maxFailures;
        this.windowSeconds = windowSeconds;
    }

    static String key(String username) {
        return "optiinfra:ratelimit:login:" + username.toLowerCase();
    }

    /** Throws a {@link RateLimitedException} when the username is locked out. */
    public void check(String username) {
        long[] state = run(CHECK, username, String.valueOf(windowSeconds));
        if (state[0] >= maxFailures) {
            throw new RateLimitedException(Math.max(1, state[1]));
        }
    }

    /** Counts one failure; throws a {@link RateLimitedException} when it is beyond the limit (answer 429, not 401). */
    public void recordFailure(String username) {
        long[] state = run(RECORD_FAILURE, username, String.valueOf(windowSeconds), String.valueOf(maxFailures));
        if (state[0] > maxFailures) {
            throw new RateLimitedException(Math.max(1, state[1]));
        }
    }

    private long[] run(String script, String username, String... args) {
        List<?> reply = (List<?>) redis.client().eval(script, List.of(key(username)), List.of(args));
        return new long[] {((Number) reply.get(0)).longValue(), ((Number) reply.get(1)).longValue()};
    }

    public void reset(String username) {
        redis.client().del(key(username));
    }

    /** 429 carrying the seconds after which the caller may retry. */
    public static final class RateLimitedException extends ApiException {
        private final long retryAfterSeconds;

        RateLimitedException(long retryAfterSeconds) {
            super(429, "rate_limited", "too many failed logins; retry after " + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
