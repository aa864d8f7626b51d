package io.optiinfra.orchestrator.auth;

import io.optiinfra.common.ApiException;
import io.optiinfra.store.RedisStore;


/**
 * Counts failed logins per username in Redis; once {@code maxFailures} have failed within the window the username
 * answers 429 with Retry-After. A failure is counted atomically (INCR) and answered 401 only while the new count is
 * within the limit, 429 beyond it, so N parallel wrong passwords never get more than {@code maxFailures} answers of
 * 401, while parallel correct logins are never counted. A successful login clears the counter.
 */
public final class LoginRateLimiter {
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
        String value = redis.client().get(key(username));
        if (value != null && Long.parseLong(value) >= maxFailures) {
            throw new RateLimitedException(Math.max(1, redis.client().ttl(key(username))));
        }
    }

    /** Counts one failure; throws a {@link RateLimitedException} when it is beyond the limit (answer 429, not 401). */
    public void recordFailure(String username) {
        long failures = redis.client().incr(key(username));
        if (failures == 1) {
            redis.client().expire(key(username), windowSeconds);
        }
        if (failures > maxFailures) {
            redis.client().decr(key(username)); // the counter says how many were answered 401, as before
            throw new RateLimitedException(Math.max(1, redis.client().ttl(key(username))));
        }
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
