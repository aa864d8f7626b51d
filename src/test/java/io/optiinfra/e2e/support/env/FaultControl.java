package io.optiinfra.e2e.support.env;

import java.util.Set;

/**
 * Breaks the environment's own processes on purpose, with real mechanisms: SIGKILL, SIGSTOP/SIGCONT, a stop and a
 * start. Targets are platform processes by instance name (orchestrator, cost-agent-1, collector-1, ...) and the stores
 * (postgres, redis, clickhouse). Only modes that own their processes offer it: see {@link Environment#faultControl()}.
 */
public interface FaultControl {
    String POSTGRES = "postgres";
    String REDIS = "redis";
    String CLICKHOUSE = "clickhouse";

    /** Every target this mode can break. */
    Set<String> targets();

    /** SIGKILL: the process dies at once, mid-whatever it was doing (a store loses what it kept only in memory). */
    void kill(String target);

    /** SIGSTOP: the process hangs with its sockets open, a freeze rather than a crash, until {@link #resume}. */
    void pause(String target);

    /** SIGCONT after {@link #pause}. */
    void resume(String target);

    /** Starts a killed or stopped target again with its configuration and waits until it answers. */
    void start(String target);

    /**
     * Cleanup after a test that took a target down: starts it only when it is not running, so the cleanup never
     * masks the test's own failure (e.g. a kill that did not happen).
     */
    void startIfStopped(String target);

    /** A graceful stop (fast shutdown for PostgreSQL), the first half of a restart. */
    void stop(String target);

    /** Stop, then start and wait until it answers. */
    default void restart(String target) {
        stop(target);
        start(target);
    }
}
