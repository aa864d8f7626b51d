package io.optiinfra.e2e.support.env;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * POSIX signals Java cannot send itself (SIGSTOP, SIGCONT, SIGINT), through the system's kill(1); and small helpers
 * for running a short command and reading its output.
 */
final class Signals {
    private Signals() {}

    /** Sends SIG{@code name} (e.g. STOP, CONT, INT, KILL) to one process; fails loudly if kill(1) refuses. */
    static void send(long pid, String name) {
        String out = output("kill", "-s", name, String.valueOf(pid));
        if (!out.isEmpty()) {
            throw new IllegalStateException("kill -s " + name + " " + pid + ": " + out);
        }
    }

    /** Runs a short command and returns its trimmed output; fails with that output on a non-zero exit. */
    static String output(String... command) {
        try {
            Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " did not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }
}
