package io.optiinfra.e2e.support.wait;

import io.optiinfra.e2e.support.env.EnvironmentSettings;

import java.time.Duration;

/**
 * Time bounds the suite asserts, each derived from the environment's settings (time scale, telemetry interval) plus
 * an explicit slack for real work that does not scale with simulated time. The simulator models no operation latency,
 * so at time scale 300 a rollback's own duration is all machine overhead; a scaled bound alone would measure the
 * machine, not the platform. The slacks below are budgets per unit of real work, not one machine's timings.
 */
public final class TimeBounds {
    /**
     * Real work per platform operation the scaled bound does not cover: one cloud call plus the PostgreSQL write and
     * Redis publish that record it. Operations measured here take 10–40 ms; 500 ms is room for a machine twice as
     * slow with both cores busy (GC pauses and scheduler delays of a few hundred ms were observed under such load).
     */
    public static final Duration PER_OPERATION_SLACK = Duration.ofMillis(500);
    /** Scheduler jitter allowed around each telemetry tick, as a fraction of the interval (±25 %). */
    public static final double TICK_JITTER = 0.25;
    /**
     * Slots a telemetry tick may skip when it overruns (the collector skips missed slots rather than bursting):
     * with every test's customers connected a tick does several HTTP calls per customer, which on a loaded machine
     * can take up to three intervals.
     */
    public static final int MAX_SLOTS_PER_TICK = 4;
    /**
     * How long a queued task may wait for a free agent worker while other tests' analyses hold them all: in a full
     * parallel run an agent type's workers are busy with a backlog of analyses that each take 1–5 s on a loaded
     * machine (a CI run saw a handed-over task wait over 20 s behind them). "Never picked up" is the defect; a wait
     * behind real work is not.
     */
    public static final Duration WAIT_FOR_A_FREE_WORKER = Duration.ofSeconds(60);
    /**
     * From the API call that records an event to its frame on the customer's socket: one Redis publish, the relay and
     * one socket write — milliseconds when the machine is idle (slowest of 291 probes during a flood: 108 ms). 10
     * operations' slack (5 s) is room for GC pauses and both cores busy under a CPU hog, and still far below anything
     * that means "stuck" (a blocked relay holds frames until Jetty's 2-minute idle timeout frees it).
     */
    public static final Duration LIVE_EVENT_DELIVERY = PER_OPERATION_SLACK.multipliedBy(10);
    /**
     * How long after a flood ends a socket nobody reads may still be held: the platform closes a socket as soon as
     * its queue is over the bound and cuts the connection a few seconds later if not even the close frame can be
     * written; the rest is slack for a busy machine.
     */
    public static final Duration SLOW_CONSUMER_DROP = Duration.ofSeconds(10);

    /**
     * A handshake of the suite with a store or the platform: a Redis SUBSCRIBE acknowledged, a WebSocket upgrade, a
     * JDBC connection. Each is one round trip on loopback (1–20 ms here); what delays one is the machine — the suite
     * JVM waiting for a core under a CPU hog, a GC pause, a store busy with every other test's customers — not simulated
     * time, so the bound is real-work slack: 40 operations (20 s). A SUBSCRIBE once took over 5 s on a loaded 2-core
     * machine whose platform was not at fault. Past the bound the failure names what it waited for and the store's state.
     */
    public static final Duration HANDSHAKE = PER_OPERATION_SLACK.multipliedBy(40);
    /**
     * Delivery of an event the platform has already published, by the time the suite looks for it (the optimization it
     * announces is already completed in the API): the publish, Redis fan-out and the suite's subscriber thread, 20
     * operations' slack (10 s) on a loaded machine.
     */
    public static final Duration EVENT_DELIVERY = PER_OPERATION_SLACK.multipliedBy(20);

    /**
     * Least spread (max − min), across parallel rollouts throttled without a Retry-After, of the delay before the same
     * retry that shows the retries are not in lockstep, as a fraction of that retry's jitter window
     * ({@link #retryJitterWindow}). Under a fixed backoff schedule the spread is machine noise only (the same sleep,
     * one cloud call, one audit write): measured with the old schedule, for the 400 ms window, 9, 21 and 88 ms (load
     * averages 15–30 on 2 cores), and once 856 ms when a stall of the overloaded machine (load 40) delayed half the
     * rollouts — while the 800 ms window of that run spread by 55 ms. Stalls hit some retries, not all, so lockstep is
     * any measured retry below its bound, not all of them. With full jitter, 8 rollouts spread by less than a quarter
     * of the window with probability 8·¼⁷ − 7·¼⁸ ≈ 4·10⁻⁴ per retry (noise on top widens it on average).
     */
    public static final double RETRY_SPREAD_MIN_FRACTION = 0.25;
    /** The retries the spread is measured on: the 3rd and later, whose windows (400 ms and up) stand above noise. */
    public static final int RETRY_SPREAD_FROM_ATTEMPT = 3;

    private TimeBounds() {}

    /**
     * The platform's documented full-jitter window after the n-th 429 without Retry-After (docs/internal-api.md,
     * "Throttling"): waits are drawn from [0, 50 ms · 2^n], capped at 5 s.
     */
    public static Duration retryJitterWindow(int attempt) {
        return Duration.ofMillis(Math.min(5_000, 50L << Math.min(attempt, 20)));
    }

    /** A production duration on this environment's clock (production / time scale). */
    public static Duration scaled(EnvironmentSettings env, Duration production) {
        return Duration.ofNanos((long) (production.toNanos() / env.timeScale()));
    }

    /** {@link #scaled} plus {@link #PER_OPERATION_SLACK} for each real operation the bounded work performs. */
    public static Duration scaled(EnvironmentSettings env, Duration production, int operations) {
        return scaled(env, production).plus(PER_OPERATION_SLACK.multipliedBy(operations));
    }

    /** Longest gap between two telemetry ticks that still keeps the cadence (a tick skipping overrun slots). */
    public static Duration longestTickGap(EnvironmentSettings env) {
        return env.telemetryInterval().multipliedBy(MAX_SLOTS_PER_TICK);
    }

    /** Shortest gap between two ticks (no catch-up burst): one interval minus the jitter allowance. */
    public static Duration shortestTickGap(EnvironmentSettings env) {
        return Duration.ofNanos((long) (env.telemetryInterval().toNanos() * (1 - TICK_JITTER)));
    }

    /** Distance of a gap from the nearest whole number of intervals, as a fraction of the interval (0 = on the grid). */
    public static double offGrid(EnvironmentSettings env, long gapMs) {
        double slots = gapMs / (double) env.telemetryInterval().toMillis();
        return Math.abs(slots - Math.rint(slots));
    }
}
