package io.optiinfra.e2e.support.chaos;

import io.optiinfra.e2e.support.db.DatabaseHelper;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.empty;

/**
 * The {@code cloud_retry} rows of one optimization's audit trail in PostgreSQL, oldest first. The platform writes
 * one as it sends a throttled call again, after its wait, so a row's {@code created_at} (the database's clock, not
 * the platform's word) is the retry's time, and the gap between two rows of the same call is one more answer plus
 * the wait before the later retry.
 */
public record RetryTrail(List<Retry> retries) {

    /**
     * One retry: the call (platform's wording), the number of the attempt answered {@code status}, the wait it
     * reports, the Retry-After it was told (null: none), and the row's time in epoch ms (µs precision).
     */
    public record Retry(String operation, int attempt, int status, long waitedMs, Long retryAfterMs, double atMs) {
        @Override
        public String toString() {
            long micros = Math.round(atMs * 1000);
            return operation + " #" + attempt + " " + status + " waited " + waitedMs + " ms (Retry-After "
                    + (retryAfterMs == null ? "none" : retryAfterMs + " ms") + ") at "
                    + Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
        }
    }

    public static RetryTrail of(DatabaseHelper db, String customerId, String optimizationId) {
        List<Retry> retries = new ArrayList<>();
        for (Map<String, Object> row : db.postgres("SELECT payload->>'operation' AS operation, "
                + "(payload->>'attempt')::int AS attempt, (payload->>'status')::int AS status, "
                + "(payload->>'waited_ms')::bigint AS waited_ms, (payload->>'retry_after_ms')::bigint AS retry_after_ms, "
                + "(extract(epoch FROM created_at) * 1000)::float8 AS at_ms FROM events WHERE customer_id = ?::uuid "
                + "AND type = 'cloud_retry' AND payload->>'optimization_id' = ? ORDER BY id", customerId, optimizationId)) {
            Number retryAfter = (Number) row.get("retry_after_ms");
            retries.add(new Retry((String) row.get("operation"), ((Number) row.get("attempt")).intValue(),
                    ((Number) row.get("status")).intValue(), ((Number) row.get("waited_ms")).longValue(),
                    retryAfter == null ? null : retryAfter.longValue(), ((Number) row.get("at_ms")).doubleValue()));
        }
        return new RetryTrail(List.copyOf(retries));
    }

    public int size() {
        return retries.size();
    }

    /**
     * The gap (ms, PostgreSQL clock) that ends at the retry of {@code attempt} of the same call: the answer to that
     * attempt plus the wait before retrying it. Empty when the call has no retry of {@code attempt} or of the one
     * before (a call's first retry has no earlier row to measure from).
     */
    public OptionalDouble delayBefore(String operation, int attempt) {
        Retry previous = find(operation, attempt - 1);
        Retry retry = find(operation, attempt);
        return previous == null || retry == null ? OptionalDouble.empty() : OptionalDouble.of(retry.atMs - previous.atMs);
    }

    /** Every retried call, in the order of its first retry. */
    public List<String> operations() {
        return retries.stream().map(Retry::operation).distinct().toList();
    }

    /**
     * Each retry was told the Retry-After the fault set, reports a wait of at least that, and (from the second retry
     * of a call on, where the database's clock can measure it) came at least that long after the call's previous one.
     */
    public void assertHonoured(long retryAfterMs, String what) {
        assertThat(what + ": retries in the audit trail " + retries, retries, not(empty()));
        // the database's clock first: it is the yardstick; the platform's own figures come after
        Map<String, Double> gaps = new LinkedHashMap<>();
        for (Retry retry : retries) {
            delayBefore(retry.operation(), retry.attempt())
                    .ifPresent(gap -> gaps.put(retry.operation() + " #" + retry.attempt(), Math.floor(gap * 10) / 10));
        }
        assertThat(what + ": gaps measured between retries of the same call " + retries, gaps.keySet(), not(empty()));
        assertThat(what + ": ms between a call's retries by the database's clock (Retry-After " + retryAfterMs + " ms) "
                + gaps, List.copyOf(gaps.values()), everyItem(greaterThanOrEqualTo((double) retryAfterMs)));
        assertThat(what + ": waited_ms of each retry vs Retry-After " + retryAfterMs + " ms " + retries,
                retries.stream().map(Retry::waitedMs).toList(), everyItem(greaterThanOrEqualTo(retryAfterMs)));
        assertThat(what + ": Retry-After each retry was told " + retries,
                retries.stream().map(Retry::retryAfterMs).toList(), everyItem(equalTo(retryAfterMs)));
    }

    private Retry find(String operation, int attempt) {
        return retries.stream().filter(r -> r.operation.equals(operation) && r.attempt == attempt).findFirst()
                .orElse(null);
    }
}
