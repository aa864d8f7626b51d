package io.optiinfra.e2e.support.env;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * TCP ports for the processes an environment starts, reserved so that nothing else can take one between the choice and
 * the process's own bind.
 *
 * <p>Why not {@code new ServerSocket(0)}: it hands out a port of the kernel's ephemeral range and frees it at once, and
 * until the store binds it (seconds later, on a busy machine) the kernel may give the same port to any outgoing
 * connection of this machine (the health polls, JDBC, the coverage agents) or to another {@code ServerSocket(0)}.
 * ClickHouse then exits with 70 ("Net Exception: Address already in use"). So ports come from <em>below</em> the
 * ephemeral range ({@code net.ipv4.ip_local_port_range}), where the kernel never picks a port by itself; a lock file per
 * port, held by this JVM until {@link #close()}, keeps two environments of this machine (a {@code make up} and a test
 * run, the boot loop) from choosing the same port; and a bind test skips a port something already listens on.
 */
final class PortReservations implements AutoCloseable {
    /** Lowest port handed out: above the registered services the compose file and common tools use (5433, 8124, ...). */
    static final int LOWEST = 20_000;
    private static final int FALLBACK_EPHEMERAL_LOW = 32_768;

    private final Path lockDir;
    private final int low;
    private final int high;
    private final Map<Integer, FileChannel> held = new LinkedHashMap<>();

    PortReservations() {
        this(Path.of(System.getProperty("java.io.tmpdir"), "optiinfra-ports"), LOWEST, ephemeralLow() - 1);
    }

    PortReservations(Path lockDir, int low, int high) {
        if (high - low < 100) {
            throw new IllegalStateException("no port range below the ephemeral range to reserve from: " + low + "-" + high
                    + " (net.ipv4.ip_local_port_range starts too low)");
        }
        this.lockDir = lockDir;
        this.low = low;
        this.high = high;
    }

    /** A port no other environment of this machine holds and nothing listens on, reserved until {@link #release}. */
    synchronized int reserve() {
        try {
            Files.createDirectories(lockDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the port lock directory " + lockDir, e);
        }
        int span = high - low + 1;
        int start = ThreadLocalRandom.current().nextInt(span); // random start: concurrent JVMs rarely probe the same ports
        for (int i = 0; i < span; i++) {
            int port = low + (start + i) % span;
            if (!held.containsKey(port) && lock(port)) {
                if (bindable(port)) {
                    return port;
                }
                release(port);
            }
        }
        throw new IllegalStateException("no free port in " + low + "-" + high);
    }

    /** Gives a port back (a failed start attempt moves on to fresh ports). */
    synchronized void release(int port) {
        FileChannel channel = held.remove(port);
        if (channel != null) {
            try {
                channel.close(); // closing the channel releases its lock; the empty file stays (deleting it would race)
            } catch (IOException ignored) {
                // the lock dies with the channel either way
            }
        }
    }

    synchronized boolean holds(int port) {
        return held.containsKey(port);
    }

    @Override
    public synchronized void close() {
        for (Integer port : held.keySet().toArray(Integer[]::new)) {
            release(port);
        }
    }

    private boolean lock(int port) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockDir.resolve(port + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return false;
            }
            held.put(port, channel);
            return true;
        } catch (IOException | OverlappingFileLockException e) {
            closeQuietly(channel);
            return false;
        }
    }

    /** Nothing listens on the port on any address (the wildcard bind conflicts with every specific one). */
    static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port of the kernel's ephemeral range (Linux; 32768 where it cannot be read). */
    static int ephemeralLow() {
        try {
            // readAllLines, not readString: procfs files report size 0 and readString returned one byte of them here
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return FALLBACK_EPHEMERAL_LOW;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing held
            }
        }
    }
}
