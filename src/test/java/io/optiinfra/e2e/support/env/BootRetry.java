package io.optiinfra.e2e.support.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Starts a store or platform process and, when that attempt ends before the process is ready (an infrastructure
 * failure: a port taken after all, a crash at start), starts it once more on fresh ports. The failed attempt's logs are
 * kept under {@code logs/failed-attempts/}, and the retry is printed and recorded for the report. Only early exits are
 * retried: a process that stays up but never gets healthy is the platform's problem, and tests are never retried.
 */
final class BootRetry {
    /** One attempt: {@code attempt} is 1 or 2, so an attempt can pick fresh ports and directories. */
    @FunctionalInterface
    interface Attempt<T> {
        T start(int attempt) throws Exception;
    }

    private final Path logDir;
    private final Consumer<ManagedProcess> forget;
    private final List<String> retries = new CopyOnWriteArrayList<>();

    /** {@code forget}: drops a dead attempt's process from the environment's list (its log path is reused). */
    BootRetry(Path logDir, Consumer<ManagedProcess> forget) {
        this.logDir = logDir;
        this.forget = forget;
    }

    <T> T twice(String what, Attempt<T> attempt) throws Exception {
        try {
            return attempt.start(1);
        } catch (Exception e) {
            ManagedProcess.EarlyExit early = ManagedProcess.EarlyExit.in(e).orElseThrow(() -> e);
            Path kept = keepLogs(what, early.process());
            String retry = what + ": " + early.getMessage() + "\n(the failed attempt's logs: " + kept + ")";
            retries.add(retry);
            System.out.printf("[optiinfra-e2e] boot retry: %s; starting it again on fresh ports%n%s%n", what,
                    early.getMessage().indent(4).stripTrailing());
            try {
                return attempt.start(2);
            } catch (Exception second) {
                second.addSuppressed(early);
                throw second;
            }
        }
    }

    /** Retries so far, each with the process's exit status and log tails (for the report's dashboard). */
    List<String> retries() {
        return List.copyOf(retries);
    }

    /** Moves the dead process's logs aside, so the next attempt writes fresh ones and the failure's stay readable. */
    private Path keepLogs(String what, ManagedProcess dead) {
        forget.accept(dead);
        Path kept = logDir.resolve("failed-attempts").resolve(what.replaceAll("[^A-Za-z0-9._-]", "_"));
        try {
            Files.createDirectories(kept);
            for (Path log : dead.logs()) {
                if (Files.exists(log)) {
                    Files.move(log, kept.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            System.err.println("[optiinfra-e2e] cannot keep the logs of " + what + ": " + e.getMessage());
        }
        return kept;
    }
}
