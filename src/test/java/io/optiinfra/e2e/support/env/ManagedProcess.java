package io.optiinfra.e2e.support.env;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child process whose output goes to a log file under target/, stopped gracefully then forcibly. */
final class ManagedProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;
    /** Logs the process writes itself besides its output (ClickHouse's error log): shown in tails, kept on a retry. */
    private final List<Path> ownLogs;
    private volatile boolean terminated;

    private ManagedProcess(String name, Process process, Path log, List<Path> ownLogs) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.ownLogs = ownLogs;
    }

    static ManagedProcess start(String name, List<String> command, Path workDir, Path log) throws IOException {
        return start(name, command, java.util.Map.of(), workDir, log);
    }

    /** {@code environment} is added to the child's environment (credentials: not visible on its command line). */
    static ManagedProcess start(String name, List<String> command, java.util.Map<String, String> environment,
                                Path workDir, Path log) throws IOException {
        return start(name, command, environment, workDir, log, List.of());
    }

    /** {@code ownLogs}: files the process writes itself (error logs), read with its output in {@link #tail}. */
    static ManagedProcess start(String name, List<String> command, java.util.Map<String, String> environment,
                                Path workDir, Path log, List<Path> ownLogs) throws IOException {
        Files.createDirectories(log.getParent());
        Files.createDirectories(workDir);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process = builder
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new ManagedProcess(name, process, log, ownLogs);
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    /** Its output log first, then the logs it writes itself. */
    List<Path> logs() {
        List<Path> all = new java.util.ArrayList<>();
        all.add(log);
        all.addAll(ownLogs);
        return all;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit status once the process has ended (128 + n for a signal n). */
    int exitValue() {
        return process.exitValue();
    }

    long pid() {
        return process.pid();
    }

    /** Fails fast with the log tails when the process died during boot. */
    void requireAlive() {
        if (!process.isAlive()) {
            throw new EarlyExit(this);
        }
    }

    /** The last lines of its output, then of each log it writes itself (an error log says why it exited). */
    String tail(int lines) {
        StringBuilder tail = new StringBuilder(tail(log, lines));
        for (Path own : ownLogs) {
            tail.append("\n--- ").append(own.getFileName()).append(" ---\n").append(tail(own, lines));
        }
        return tail.toString();
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The process ended before it was ready: an infrastructure failure (a port taken, a crash at start). */
    static final class EarlyExit extends IllegalStateException {
        private final transient ManagedProcess process;

        EarlyExit(ManagedProcess process) {
            super(process.name + " exited with " + process.exitValue() + " before it was ready; log tail:\n"
                    + process.tail(40));
            this.process = process;
        }

        ManagedProcess process() {
            return process;
        }

        /** The EarlyExit behind {@code failure} (Awaitility or a future may wrap it), if there is one. */
        static java.util.Optional<EarlyExit> in(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof EarlyExit early) {
                    return java.util.Optional.of(early);
                }
            }
            return java.util.Optional.empty();
        }
    }

    /** Waits up to the bound for the process to exit; true when it has. */
    boolean awaitExit(long timeout, TimeUnit unit) {
        try {
            return process.waitFor(timeout, unit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** SIGSTOP: the process hangs (sockets stay open, nothing answers) until {@link #resume()}. */
    void pause() {
        Signals.send(process.pid(), "STOP");
        process.descendants().forEach(child -> Signals.send(child.pid(), "STOP"));
    }

    /** SIGCONT after {@link #pause()}. */
    void resume() {
        process.descendants().forEach(child -> Signals.send(child.pid(), "CONT"));
        Signals.send(process.pid(), "CONT");
    }

    /** SIGKILL without waiting: used by tests that take a process down on purpose. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** {@link #close()} of many at once: each gets its SIGTERM first, so their shutdowns overlap instead of queueing. */
    static void closeAll(List<ManagedProcess> processes) {
        processes.forEach(ManagedProcess::terminate);
        processes.forEach(ManagedProcess::close);
    }

    /** SIGTERM once (ClickHouse takes a second SIGTERM as "terminate immediately"). */
    private void terminate() {
        if (!terminated && process.isAlive()) {
            terminated = true;
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        terminate();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
