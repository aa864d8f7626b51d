package io.optiinfra.e2e.support.env;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fault control of the local mode: every platform JVM and every store is a child process of the suite, so it can be
 * sent real signals and started again with its own configuration. Paused targets are resumed at teardown.
 */
final class LocalFaultControl implements FaultControl {

    /** How one target is reached, stopped, started and judged ready. */
    interface Target {
        ManagedProcess process();

        void stop();

        ManagedProcess start() throws IOException;

        void awaitReady(ManagedProcess started);
    }

    private final Map<String, Target> targets = new ConcurrentHashMap<>();
    private final Set<String> paused = ConcurrentHashMap.newKeySet();

    void register(String name, Target target) {
        targets.put(name, target);
    }

    @Override
    public Set<String> targets() {
        return new TreeSet<>(targets.keySet());
    }

    @Override
    public void kill(String target) {
        ManagedProcess process = require(target).process();
        paused.remove(target);
        process.kill();
        process.awaitExit(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    public void pause(String target) {
        require(target).process().pause();
        paused.add(target);
    }

    @Override
    public void resume(String target) {
        require(target).process().resume();
        paused.remove(target);
    }

    @Override
    public void stop(String target) {
        Target t = require(target);
        if (paused.remove(target)) {
            t.process().resume();
        }
        t.stop();
    }

    @Override
    public void start(String target) {
        Target t = require(target);
        if (t.process() != null && t.process().isAlive()) {
            throw new IllegalStateException(target + " is still running (pid " + t.process().pid() + "): stop or kill it first");
        }
        try {
            t.awaitReady(t.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + target + " again", e);
        }
    }

    @Override
    public void startIfStopped(String target) {
        ManagedProcess process = require(target).process();
        if (process == null || !process.isAlive()) {
            start(target);
        }
    }

    /** Teardown: a stopped process ignores SIGTERM, so resume whatever a failed test left paused. */
    void resumeAll() {
        for (String target : Set.copyOf(paused)) {
            try {
                resume(target);
            } catch (RuntimeException e) {
                System.err.println("could not resume " + target + ": " + e.getMessage());
            }
        }
    }

    private Target require(String target) {
        Target t = targets.get(target);
        if (t == null) {
            throw new IllegalArgumentException("no fault target " + target + "; have " + targets());
        }
        return t;
    }
}
