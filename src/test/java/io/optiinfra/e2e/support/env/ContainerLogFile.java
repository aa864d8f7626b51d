package io.optiinfra.e2e.support.env;

import org.testcontainers.containers.output.OutputFrame;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/** Streams a container's stdout/stderr into target/e2e-env/logs/<name>.log as it runs (so a crash leaves its log). */
final class ContainerLogFile implements Consumer<OutputFrame>, AutoCloseable {
    private final OutputStream out;

    ContainerLogFile(Path file) {
        try {
            Files.createDirectories(file.getParent());
            this.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public synchronized void accept(OutputFrame frame) {
        byte[] bytes = frame.getBytes();
        if (bytes == null) {
            return; // END frame
        }
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            // the log is evidence, not the test: a full disk must not fail the run from a log thread
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // closing a log file at teardown
        }
    }
}
