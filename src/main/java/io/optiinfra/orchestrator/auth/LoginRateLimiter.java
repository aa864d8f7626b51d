package io.optiinfra.orchestrator.auth;

import io.optiinfra.common.ApiException;
import io.optiinfra.store.RedisStore;

import java.util.List;

/**
 * Counts login attempts per username in Redis; once {@code maxFailures} have failed within the window the username
 * answers 429 with Retry-After. Every attempt takes its slot atomically before the password is checked (one Lua
 * script: refuse when the count has reached the limit, else increment), so N parallel wrong passwords can never get
 * more than {@code maxFailures} answers of 401. A successful login clears the counter.
 */
public final class LoginRateLimiter {
    /** KEYS[1] counter, ARGV[1] limit, ARGV[2] window seconds. Returns -ttl when locked, else the new count. */
    private static final String ACQUIRE = """
            local count = tonumber(redis.call('GET', KEYS[1]) or '0')
            if count >= tonumber(ARGV[1]) then
              local ttl = redis.call('TTL', KEYS[1])
              if ttl < 1 then ttl = 1 end
              return -ttl
            end
            count = redis.call('INCR', KEYS[1])
            if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
            return count
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

    /**
     * Takes one attempt for this username: throws a {@link RateLimitedException} when it is locked out, otherwise the
     * attempt counts as a failure until {@link #reset} says it succeeded.
     */
    public void acquire(String username) {
        Object result = redis.client().eval(ACQUIRE, List.of(key(username)),
                List.of(String.valueOf(maxFailures), String.valueOf(windowSeconds)));
        long value = ((Number) result).longValue();
        if (value < 0) {
            throw new RateLimitedException(-value);
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
