package io.optiinfra.e2e.support.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code -Denv=up}: the environment {@code make up} keeps running ({@link LongRunningEnvironment}), read from the
 * settings it wrote to env/local.properties. Nothing is booted or torn down, so a run of one test starts in a second.
 * Like any external platform it has no fault control: chaos and resilience tests say so and fail.
 */
final class UpEnvironment {
    private UpEnvironment() {}

    static Environment create() throws IOException {
        Path settings = settingsFile();
        Optional<Long> pid = runningPid();
        if (pid.isEmpty() || !Files.exists(settings)) {
            throw new IllegalStateException("-Denv=up: make up is not running (" + pidFile() + " names no live process or "
                    + settings + " is missing); start it with `make up`, or run without -Denv=up to boot an environment");
        }
        System.out.printf("[optiinfra-e2e] -Denv=up: using the environment of make up (pid %d, %s)%n", pid.get(), settings);
        return new ExternalEnvironment(settings);
    }

    /** One line for a run that boots its own environment while {@code make up} already runs one. */
    static Optional<String> runningHint() {
        return runningPid().filter(pid -> Files.exists(settingsFile())).map(pid -> "[optiinfra-e2e] make up is running"
                + " (pid " + pid + "): -Denv=up would reuse it instead of booting another environment");
    }

    private static Optional<Long> runningPid() {
        try {
            long pid = Long.parseLong(Files.readString(pidFile()).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException notUp) {
            return Optional.empty();
        }
    }

    private static Path projectDir() {
        return Path.of(System.getProperty("optiinfra.projectDir", "."));
    }

    /** Where env/up.sh keeps the pid of the environment's JVM. */
    private static Path pidFile() {
        return projectDir().resolve("target/e2e-up/up.pid");
    }

    private static Path settingsFile() {
        return projectDir().resolve("env/local.properties");
    }
}
