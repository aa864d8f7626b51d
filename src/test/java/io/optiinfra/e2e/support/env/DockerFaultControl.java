package io.optiinfra.e2e.support.env;

import com.github.dockerjava.api.DockerClient;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.wait.strategy.WaitStrategy;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Fault control of the docker mode, through the Docker API: {@code kill} (SIGKILL), {@code pause}/{@code unpause} (the
 * cgroup freezer: the process hangs with its sockets open, as SIGSTOP does locally), {@code stop} (the image's stop
 * signal: SIGTERM for the platform, SIGINT — fast shutdown — for PostgreSQL) and {@code start}, then the container's
 * own readiness check. Host ports are fixed when the containers are created (see DockerEnvironment), so a restarted
 * container answers where the suite already connects. Paused containers are unpaused at teardown.
 */
final class DockerFaultControl extends RegisteredFaultControl<DockerFaultControl.Target> {
    private static final int STOP_TIMEOUT_SECONDS = 20;

    /** A container that can be broken: its Testcontainers handle, readiness check and log stream. */
    record Target(GenericContainer<?> container, WaitStrategy readiness, Consumer<OutputFrame> log) {}

    @Override
    public void kill(String target) {
        String id = unpausedId(target);
        docker().killContainerCmd(id).exec();
        awaitNotRunning(target, id);
    }

    @Override
    public void pause(String target) {
        String id = require(target).container().getContainerId();
        docker().pauseContainerCmd(id).exec();
        paused.add(target);
        requirePaused(target, id, true); // a fault that did not strike would let a chaos case pass vacuously
    }

    @Override
    public void resume(String target) {
        String id = require(target).container().getContainerId();
        docker().unpauseContainerCmd(id).exec();
        paused.remove(target);
        requirePaused(target, id, false);
    }

    private static void requirePaused(String target, String id, boolean expected) {
        Boolean actual = docker().inspectContainerCmd(id).exec().getState().getPaused();
        if (!Boolean.valueOf(expected).equals(actual)) {
            throw new IllegalStateException(target + (expected ? " is not paused after docker pause"
                    : " is still paused after docker unpause"));
        }
    }

    @Override
    public void stop(String target) {
        String id = unpausedId(target);
        docker().stopContainerCmd(id).withTimeout(STOP_TIMEOUT_SECONDS).exec();
        awaitNotRunning(target, id);
    }

    @Override
    public void start(String target) {
        Target t = require(target);
        String id = t.container().getContainerId();
        if (running(target)) {
            throw new IllegalStateException(target + " is still running: stop or kill it first");
        }
        docker().startContainerCmd(id).exec();
        t.container().followOutput(t.log()); // the earlier log stream ended with the container
        t.readiness().waitUntilReady(t.container());
    }

    @Override
    protected boolean running(String target) {
        String id = require(target).container().getContainerId();
        return Boolean.TRUE.equals(docker().inspectContainerCmd(id).exec().getState().getRunning());
    }

    /** Docker refuses to kill or stop a paused container: unpause it first (locally a SIGKILL ends a stopped process). */
    private String unpausedId(String target) {
        if (paused.contains(target)) {
            resume(target);
        }
        return require(target).container().getContainerId();
    }

    private void awaitNotRunning(String target, String id) {
        docker().waitContainerCmd(id).start().awaitStatusCode(STOP_TIMEOUT_SECONDS + 10L, TimeUnit.SECONDS);
        if (running(target)) {
            throw new IllegalStateException(target + " is still running after kill/stop");
        }
    }

    private static DockerClient docker() {
        return DockerClientFactory.lazyClient();
    }
}
