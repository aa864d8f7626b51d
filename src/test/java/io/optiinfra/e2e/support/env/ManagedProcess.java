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
    private volatile boolean terminated;

    private ManagedProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ManagedProcess start(String name, List<String> command, Path workDir, Path log) throws IOException {
        return start(name, command, java.util.Map.of(), workDir, log);
    }

    /** {@code environment} is added to the child's environment (credentials: not visible on its command line). */
    static ManagedProcess start(String name, List<String> command, java.util.Map<String, String> environment,
                                Path workDir, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        Files.createDirectories(workDir);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process = builder
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new ManagedProcess(name, process, log);
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
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

    /** Fails fast with the log tail when the process died during boot. */
    void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log tail:\n" + tail(40));
        }
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
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
