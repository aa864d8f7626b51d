package io.optiinfra.e2e.concurrency;

import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.concurrency.Race;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.fixtures.TestCustomers;
import io.optiinfra.e2e.support.report.TestReport;
import io.restassured.response.Response;
import org.testng.annotations.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Parallel wrong passwords never get more answers than the lockout allows: of N simultaneous guesses at most the limit
 * are checked (401), every other one is 429 with Retry-After, and the account is locked for the right password too.
 * Every lockout counter a burst leaves in Redis expires within the window: a counter without TTL is a lockout for
 * good (what a counter and its expiry set in two steps leave when the process dies between them).
 */
@Test(groups = {Groups.CONCURRENCY}, dependsOnGroups = Groups.SMOKE)
public class LoginLockoutRaceIT extends SuiteBase {
    /** The lockout limit the platform documents and LoginRateLimitIT pins (login.max.failures). */
    private static final int LOCKOUT_LIMIT = 5;
    private static final int GUESSES = 50;
    /** The lockout window the platform documents (login.window.seconds): a counter's TTL can never exceed it. */
    private static final long LOCKOUT_WINDOW_SECONDS = 60;
    private static final int GUESSES_PER_USERNAME = 8;

    public void parallelWrongPasswordsNeverExceedTheLockoutLimit() throws Exception {
        TestReport.step("Arrange: one account, " + GUESSES + " guessers waiting at a start gate");
        TestCustomer target = newCustomer("Lockout Race Target");
        CountDownLatch gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(GUESSES);
        List<Future<Response>> guesses = new ArrayList<>();
        try {
            for (int i = 0; i < GUESSES; i++) {
                String guess = "wrong-guess-" + i;
                Callable<Response> login = () -> {
                    gate.await();
                    return api().login(target.email(), guess);
                };
                guesses.add(pool.submit(login));
            }

            TestReport.step("Act: release every guess at once");
            gate.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> guess : guesses) {
                answers.add(guess.get(60, TimeUnit.SECONDS));
            }

            TestReport.step("Assert: at most the limit were checked, every other one was rate limited");
            Map<Integer, Integer> byStatus = new TreeMap<>();
            answers.forEach(r -> byStatus.merge(r.statusCode(), 1, Integer::sum));
            TestReport.info("answers by status: " + byStatus);
            assertThat("statuses of " + GUESSES + " parallel wrong passwords: " + byStatus,
                    byStatus.keySet(), everyItem(org.hamcrest.Matchers.oneOf(401, 429)));
            assertThat("401s (guesses actually checked) of " + byStatus, byStatus.getOrDefault(401, 0),
                    lessThanOrEqualTo(LOCKOUT_LIMIT));
            assertThat("429s of " + byStatus, byStatus.getOrDefault(429, 0), equalTo(GUESSES - byStatus.getOrDefault(401, 0)));
            for (Response limited : answers.stream().filter(r -> r.statusCode() == 429).toList()) {
                assertThat("Retry-After on a 429", limited.header("Retry-After"), notNullValue());
                assertThat("Retry-After seconds", Integer.parseInt(limited.header("Retry-After")), greaterThan(0));
            }
            Response rightPassword = api().login(target.email(), target.password());
            assertThat("the right password while locked out: " + rightPassword.asString(), rightPassword.statusCode(),
                    equalTo(429));
        } finally {
            pool.shutdownNow();
        }
    }

    public void everyLockoutCounterOfABurstExpiresWithinTheWindow() {
        TestReport.step("Arrange: two accounts and two usernames nobody signed up (failures count for both)");
        List<String> usernames = List.of(newCustomer("Lockout TTL A").email(), newCustomer("Lockout TTL B").email(),
                TestCustomers.uniqueEmail(), TestCustomers.uniqueEmail());

        TestReport.step("Act: " + GUESSES_PER_USERNAME + " wrong passwords per username, all "
                + usernames.size() * GUESSES_PER_USERNAME + " released at once");
        List<Response> answers = Race.run(usernames.size() * GUESSES_PER_USERNAME,
                i -> api().login(usernames.get(i % usernames.size()), "wrong-guess-" + i));
        Map<Integer, Long> byStatus = Race.tally("wrong passwords for " + usernames.size() + " usernames", answers);
        assertThat("statuses of the burst: " + byStatus, byStatus.keySet(), everyItem(org.hamcrest.Matchers.oneOf(401,
                429)));

        TestReport.step("Prove in Redis: each username's counter is at the limit and expires within the window");
        for (String username : usernames) {
            String key = "optiinfra:ratelimit:login:" + username.toLowerCase();
            String count = db().redis().get(key);
            long ttl = db().redis().ttl(key);
            TestReport.info(key + " = " + count + ", TTL " + ttl + " s");
            assertThat("failures counted for " + username, count, equalTo(String.valueOf(LOCKOUT_LIMIT)));
            assertThat("TTL of " + key + " (-1: no expiry, locked out for good; -2: gone)", ttl,
                    allOf(greaterThan(0L), lessThanOrEqualTo(LOCKOUT_WINDOW_SECONDS)));
        }
    }
}
