package io.optiinfra.orchestrator.events;

import org.eclipse.jetty.websocket.api.RemoteEndpoint;
import org.eclipse.jetty.websocket.api.WriteCallback;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One socket's outgoing frames: a FIFO drained by one asynchronous write at a time, so whoever offers a frame (the
 * relay thread) never waits for the peer, and frames leave in the order they were offered. The queue is bounded: a
 * peer that reads slower than its events arrive makes {@link #offer} answer {@link Offer#OVERFLOW} once
 * {@code maxQueued} frames wait, and the caller closes the socket. Thread-safe; Jetty runs the write callbacks on
 * its own threads (or on the caller's, when a write completes at once).
 */
final class SocketOutbox {
    enum Offer { QUEUED, OVERFLOW, DEAD }

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final RemoteEndpoint remote;
    private final int maxQueued;
    private final Consumer<Throwable> onWriteFailed;
    /** Text frames not yet handed to Jetty. This and the flags below are guarded by {@code this}. */
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    /** A write is in flight, or a thread is about to start one: nobody else may start another. */
    private boolean writing;
    private boolean pingDue;
    private boolean dead;

    SocketOutbox(RemoteEndpoint remote, int maxQueued, Consumer<Throwable> onWriteFailed) {
        this.remote = remote;
        this.maxQueued = maxQueued;
        this.onWriteFailed = onWriteFailed;
    }

    /** Queues a text frame; on overflow the outbox is dead from then on and its queue dropped. */
    Offer offer(String text) {
        synchronized (this) {
            if (dead) {
                return Offer.DEAD;
            }
            if (queue.size() >= maxQueued) {
                kill();
                return Offer.OVERFLOW;
            }
            queue.addLast(text);
            if (writing) {
                return Offer.QUEUED;
            }
            writing = true;
        }
        drain();
        return Offer.QUEUED;
    }

    /**
     * A keepalive ping for a quiet socket, so Jetty's idle timeout only closes sockets whose peer is gone. Skipped
     * while a write is in flight: that socket is not quiet, and a stalled one must not collect pings.
     */
    void ping() {
        synchronized (this) {
            if (dead || writing) {
                return;
            }
            writing = true;
            pingDue = true;
        }
        drain();
    }

    /** No frame is written any more; what waits is dropped (the socket is being closed). */
    synchronized void kill() {
        dead = true;
        queue.clear();
        pingDue = false;
    }

    /**
     * Writes frames one at a time until the queue is empty or a write is left pending. A write Jetty completes on
     * this thread is followed by the next one in this loop (no recursion through the callback); a pending one
     * continues from its callback on Jetty's thread.
     */
    private void drain() {
        while (true) {
            String text = null;
            boolean ping;
            synchronized (this) {
                ping = pingDue;
                pingDue = false;
                if (!ping) {
                    text = dead ? null : queue.poll();
                    if (text == null) {
                        writing = false;
                        return;
                    }
                }
            }
            Write write = new Write();
            try {
                if (ping) {
                    remote.sendPing(EMPTY.duplicate(), write);
                } else {
                    remote.sendString(text, write);
                }
            } catch (RuntimeException e) { // a session closing under us: same as a failed write
                write.writeFailed(e);
            }
            if (!write.returned() || write.failed) {
                return; // pending (its callback drains on) or failed (the outbox is dead)
            }
        }
    }

    /** One write's callback; tells whether it completed before {@code sendString} returned (the caller loops on). */
    private final class Write implements WriteCallback {
        /** Set by whichever comes second, the callback or the caller's {@link #returned}. */
        private final AtomicBoolean completedOrReturned = new AtomicBoolean();
        private volatile boolean failed;

        /** True when the write already completed (the caller continues draining). */
        boolean returned() {
            return !completedOrReturned.compareAndSet(false, true);
        }

        @Override
        public void writeSuccess() {
            if (!completedOrReturned.compareAndSet(false, true)) {
                drain(); // the caller already returned: continue here
            }
        }

        @Override
        public void writeFailed(Throwable cause) {
            if (failed) {
                return;
            }
            failed = true;
            synchronized (SocketOutbox.this) {
                kill();
                writing = false;
            }
            completedOrReturned.set(true);
            onWriteFailed.accept(cause);
        }
    }
}
