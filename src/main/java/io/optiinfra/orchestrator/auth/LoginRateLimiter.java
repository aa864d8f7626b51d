package io.optiinfra.orchestrator.auth;

import io.optiinfra.common.ApiException;
import io.optiinfra.store.RedisStore;

/** Counts failed logins per username in Redis; too many within the window answers 429 with Retry-After. */
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
            long ttl = redis.client().ttl(key(username));
            throw new RateLimitedException(Math.max(1, ttl));
        }
    }

    public void recordFailure(String username) {
        long failures = redis.client().incr(key(username));
        if (failures == 1) {
            redis.client().expire(key(username), windowSeconds);
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
