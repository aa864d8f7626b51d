package io.optiinfra.e2e.support.env;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Fault control of the local mode: every platform JVM and every store is a child process of the suite, so it can be
 * sent real signals and started again with its own configuration. Paused targets are resumed at teardown.
 */
final class LocalFaultControl extends RegisteredFaultControl<LocalFaultControl.Target> {

    /** How one target is reached, stopped, started and judged ready. */
    interface Target {
        ManagedProcess process();

        void stop();

        ManagedProcess start() throws IOException;

        void awaitReady(ManagedProcess started);
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
        if (running(target)) {
            throw new IllegalStateException(target + " is still running (pid " + t.process().pid() + "): stop or kill it first");
        }
        try {
            t.awaitReady(t.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + target + " again", e);
        }
    }

    @Override
    protected boolean running(String target) {
        ManagedProcess process = require(target).process();
        return process != null && process.isAlive();
    }
}
