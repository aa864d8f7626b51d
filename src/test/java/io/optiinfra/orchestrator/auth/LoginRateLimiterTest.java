package io.optiinfra.orchestrator.auth;

import io.optiinfra.agents.runtime.TestRedis;
import io.optiinfra.store.RedisStore;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;
import redis.clients.jedis.RedisClient;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

/**
 * The limiter against a real Redis. A counter without TTL is what a process dying between INCR and EXPIRE left
 * behind (a permanent lockout): the tests create that state directly and expect the limiter to heal it.
 */
public class LoginRateLimiterTest {
    private static final int LIMIT = 5;
    private static final int WINDOW_SECONDS = 60;

    private TestRedis server;
    private RedisStore store;
    private RedisClient redis;
    private LoginRateLimiter limiter;

    @BeforeClass
    public void startRedis() {
        server = new TestRedis();
        store = new RedisStore(server.url());
        redis = store.client();
        limiter = new LoginRateLimiter(store, LIMIT, WINDOW_SECONDS);
    }

    @AfterClass(alwaysRun = true)
    public void stopRedis() {
        store.close();
        server.close();
    }

    private static String username() {
        return "user-" + UUID.randomUUID() + "@limiter.test";
    }

    private void assertWithinWindow(String username) {
        long ttl = redis.ttl(LoginRateLimiter.key(username));
        assertTrue(ttl > 0 && ttl <= WINDOW_SECONDS, "TTL of " + username + "'s counter: " + ttl
                + " (-1 = no expiry: locked out for good)");
    }

    @Test
    public void checkGivesACounterWithoutTtlTheWindow() {
        String user = username();
        redis.set(LoginRateLimiter.key(user), "2"); // left by a crash between INCR and EXPIRE
        limiter.check(user);
        assertWithinWindow(user);
        assertEquals(redis.get(LoginRateLimiter.key(user)), "2", "healing does not change the count");
    }

    @Test
    public void aLockedOutCounterWithoutTtlExpiresAndSaysWhen() {
        String user = username();
        redis.set(LoginRateLimiter.key(user), String.valueOf(LIMIT));
        LoginRateLimiter.RateLimitedException locked = expectThrows(LoginRateLimiter.RateLimitedException.class,
                () -> limiter.check(user));
        assertTrue(locked.retryAfterSeconds() > 1 && locked.retryAfterSeconds() <= WINDOW_SECONDS,
                "Retry-After of a healed counter: " + locked.retryAfterSeconds());
        assertWithinWindow(user);
    }

    @Test
    public void aFailureOnACounterWithoutTtlGivesItTheWindow() {
        String user = username();
        redis.set(LoginRateLimiter.key(user), "2");
        limiter.recordFailure(user);
        assertEquals(redis.get(LoginRateLimiter.key(user)), "3");
        assertWithinWindow(user);
    }

    @Test
    public void theLimitAnswers401ThenRetryAfterAndSuccessClearsIt() {
        String user = username();
        limiter.check(user);
        assertNull(redis.get(LoginRateLimiter.key(user)), "a check alone creates no counter");
        for (int failure = 1; failure <= LIMIT; failure++) {
            limiter.recordFailure(user); // within the limit: the caller answers 401
            assertWithinWindow(user);
        }
        LoginRateLimiter.RateLimitedException beyond = expectThrows(LoginRateLimiter.RateLimitedException.class,
                () -> limiter.recordFailure(user));
        assertTrue(beyond.retryAfterSeconds() >= 1 && beyond.retryAfterSeconds() <= WINDOW_SECONDS);
        assertEquals(redis.get(LoginRateLimiter.key(user)), String.valueOf(LIMIT), "the counter says how many got 401");
        expectThrows(LoginRateLimiter.RateLimitedException.class, () -> limiter.check(user));
        limiter.reset(user);
        assertFalse(redis.exists(LoginRateLimiter.key(user)));
        limiter.check(user);
    }

    @Test
    public void theWindowRunsFromTheFirstFailure() {
        String user = username();
        limiter.recordFailure(user);
        redis.expire(LoginRateLimiter.key(user), 5); // as if 55 s had passed
        limiter.recordFailure(user);
        limiter.check(user);
        long ttl = redis.ttl(LoginRateLimiter.key(user));
        assertTrue(ttl > 0 && ttl <= 5, "later failures and checks must not extend the window: TTL " + ttl);
    }

    @Test
    public void parallelFailuresGetAtMostTheLimitAndTheCounterAlwaysExpires() throws Exception {
        String user = username();
        int contenders = 32;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        CyclicBarrier start = new CyclicBarrier(contenders);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                answers.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    try {
                        limiter.recordFailure(user);
                        return true; // answered 401
                    } catch (LoginRateLimiter.RateLimitedException e) {
                        return false; // answered 429
                    }
                }));
            }
            int checked = 0;
            for (Future<Boolean> answer : answers) {
                checked += answer.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(checked, LIMIT, "answers of 401 among " + contenders + " parallel failures");
            assertEquals(redis.get(LoginRateLimiter.key(user)), String.valueOf(LIMIT));
            assertWithinWindow(user);
        } finally {
            pool.shutdownNow();
        }
    }
}
