package io.optiinfra.e2e.support.coverage;

import org.jacoco.core.data.ExecutionDataStore;
import org.jacoco.core.data.ExecutionDataWriter;
import org.jacoco.core.data.SessionInfoStore;
import org.jacoco.core.runtime.RemoteControlReader;
import org.jacoco.core.runtime.RemoteControlWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Collects the platform JVMs' coverage over TCP (JaCoCo agent {@code output=tcpclient}): each agent connects at start,
 * this server asks every connection for a dump every {@link #DUMP_EVERY_MS} ms and the agent sends its last data when
 * its JVM exits. A process killed with SIGKILL (fault tests) thereby loses at most the last interval, not everything
 * it ran. Dumps are cumulative, and the store merges probes, so repeated dumps are harmless.
 */
public final class CoverageServer implements AutoCloseable {
    static final long DUMP_EVERY_MS = 2_000;

    private final ServerSocket server;
    private final ExecutionDataStore executionData = new ExecutionDataStore();
    private final SessionInfoStore sessions = new SessionInfoStore();
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService dumps = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "coverage-dumps"));

    private CoverageServer(ServerSocket server) {
        this.server = server;
    }

    public static CoverageServer start() throws IOException {
        CoverageServer coverage = new CoverageServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        daemon(coverage::accept, "coverage-accept").start();
        coverage.dumps.scheduleWithFixedDelay(coverage::requestDumps, DUMP_EVERY_MS, DUMP_EVERY_MS, TimeUnit.MILLISECONDS);
        return coverage;
    }

    public int port() {
        return server.getLocalPort();
    }

    /**
     * After the platform's processes were stopped: waits briefly for their final data, then writes everything
     * received to {@code exec} (one JaCoCo execution data file).
     */
    public void writeTo(Path exec) throws IOException {
        dumps.shutdownNow();
        long deadline = System.currentTimeMillis() + 5_000;
        for (Connection connection : connections) {
            connection.awaitEnd(Math.max(1, deadline - System.currentTimeMillis()));
        }
        Files.createDirectories(exec.getParent());
        try (OutputStream out = Files.newOutputStream(exec)) {
            ExecutionDataWriter writer = new ExecutionDataWriter(out);
            synchronized (executionData) {
                sessions.accept(writer);
                executionData.accept(writer);
            }
        }
    }

    @Override
    public void close() {
        dumps.shutdownNow();
        try {
            server.close();
        } catch (IOException ignored) {
            // closing a listening socket at the end of the run: nothing left to do with it
        }
        connections.forEach(Connection::close);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Connection connection = new Connection(server.accept());
                connections.add(connection);
                daemon(connection::read, "coverage-read").start();
            } catch (IOException e) {
                return; // server closed
            }
        }
    }

    private void requestDumps() {
        connections.forEach(Connection::requestDump);
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /** One agent's connection: reads its data into the shared store until the agent's JVM goes away. */
    private final class Connection {
        private final Socket socket;
        private final RemoteControlWriter writer;
        private final RemoteControlReader reader;
        private volatile boolean ended;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.writer = new RemoteControlWriter(socket.getOutputStream());
            this.reader = new RemoteControlReader(socket.getInputStream());
            reader.setSessionInfoVisitor(info -> {
                synchronized (executionData) {
                    sessions.visitSessionInfo(info);
                }
            });
            reader.setExecutionDataVisitor(data -> {
                synchronized (executionData) {
                    executionData.put(data);
                }
            });
        }

        void read() {
            try {
                while (reader.read()) {
                    // each block is visited into the store as it arrives
                }
            } catch (IOException e) {
                // the agent's JVM was killed mid-transfer: what arrived before stays in the store
            } finally {
                ended = true;
                synchronized (this) {
                    notifyAll();
                }
            }
        }

        void requestDump() {
            if (ended) {
                return;
            }
            try {
                synchronized (writer) {
                    writer.visitDumpCommand(true, false);
                }
            } catch (IOException e) {
                close();
            }
        }

        synchronized void awaitEnd(long millis) {
            long until = System.currentTimeMillis() + millis;
            while (!ended && System.currentTimeMillis() < until) {
                try {
                    wait(Math.max(1, until - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }
}
