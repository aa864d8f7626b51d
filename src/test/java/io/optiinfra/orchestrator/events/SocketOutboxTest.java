package io.optiinfra.orchestrator.events;

import org.eclipse.jetty.websocket.api.RemoteEndpoint;
import org.eclipse.jetty.websocket.api.WriteCallback;
import org.testng.annotations.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.testng.Assert.assertEquals;

/** The outbox against a scripted Jetty endpoint: order, one write in flight, the bound, failures, pings. */
public class SocketOutboxTest {

    /** An endpoint whose writes complete only when the test says so (or at once, when {@code immediate}). */
    private static final class Peer {
        final List<String> sent = new ArrayList<>();
        final ArrayDeque<WriteCallback> pending = new ArrayDeque<>();
        final AtomicInteger pings = new AtomicInteger();
        boolean immediate;
        int maxInFlight;

        RemoteEndpoint endpoint() {
            return (RemoteEndpoint) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {RemoteEndpoint.class}, (proxy, method, args) -> {
                        WriteCallback callback = (WriteCallback) args[1];
                        if (method.getName().equals("sendPing")) {
                            pings.incrementAndGet();
                        } else if (method.getName().equals("sendString")) {
                            sent.add((String) args[0]);
                        } else {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        if (immediate) {
                            callback.writeSuccess();
                        } else {
                            pending.add(callback);
                            maxInFlight = Math.max(maxInFlight, pending.size());
                        }
                        return null;
                    });
        }

        void completeOne() {
            pending.poll().writeSuccess();
        }
    }

    @Test
    public void framesLeaveInOrderOneAtATime() {
        Peer peer = new Peer();
        SocketOutbox outbox = new SocketOutbox(peer.endpoint(), 10, cause -> { });
        for (int i = 0; i < 5; i++) {
            assertEquals(outbox.offer("m" + i), SocketOutbox.Offer.QUEUED);
        }
        assertEquals(peer.sent, List.of("m0"), "only the first frame is handed to Jetty while it is in flight");
        while (!peer.pending.isEmpty()) {
            peer.completeOne();
        }
        assertEquals(peer.sent, List.of("m0", "m1", "m2", "m3", "m4"));
        assertEquals(peer.maxInFlight, 1);
    }

    @Test
    public void aPeerThatReadsNothingOverflowsAtTheBoundAndTheQueueIsDropped() {
        Peer peer = new Peer();
        SocketOutbox outbox = new SocketOutbox(peer.endpoint(), 3, cause -> { });
        assertEquals(outbox.offer("in flight"), SocketOutbox.Offer.QUEUED);
        for (int i = 0; i < 3; i++) {
            assertEquals(outbox.offer("queued " + i), SocketOutbox.Offer.QUEUED);
        }
        assertEquals(outbox.offer("one too many"), SocketOutbox.Offer.OVERFLOW);
        assertEquals(outbox.offer("after"), SocketOutbox.Offer.DEAD);
        peer.completeOne(); // the peer reads again: nothing more is written to a socket being closed
        assertEquals(peer.sent, List.of("in flight"));
    }

    @Test
    public void writesThatCompleteAtOnceDoNotRecurse() {
        Peer peer = new Peer();
        SocketOutbox outbox = new SocketOutbox(peer.endpoint(), 200_000, cause -> { });
        peer.immediate = false;
        outbox.offer("first");
        for (int i = 0; i < 100_000; i++) {
            outbox.offer("m" + i);
        }
        peer.immediate = true; // from now on Jetty completes every write on the calling thread
        peer.completeOne();    // a recursive drain would overflow the stack here
        assertEquals(peer.sent.size(), 100_001);
        assertEquals(peer.sent.get(100_000), "m99999");
    }

    @Test
    public void aFailedWriteKillsTheOutboxAndSaysWhy() {
        Peer peer = new Peer();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        SocketOutbox outbox = new SocketOutbox(peer.endpoint(), 10, failure::set);
        outbox.offer("m0");
        outbox.offer("m1");
        peer.pending.poll().writeFailed(new java.io.IOException("broken pipe"));
        assertEquals(failure.get().getMessage(), "broken pipe");
        assertEquals(outbox.offer("m2"), SocketOutbox.Offer.DEAD);
        assertEquals(peer.sent, List.of("m0"));
    }

    @Test
    public void pingsGoOnlyToQuietSockets() {
        Peer peer = new Peer();
        SocketOutbox outbox = new SocketOutbox(peer.endpoint(), 10, cause -> { });
        outbox.offer("busy");
        outbox.ping();
        assertEquals(peer.pings.get(), 0, "a socket with a write in flight is not pinged (a stalled one collects none)");
        peer.completeOne();
        outbox.ping();
        assertEquals(peer.pings.get(), 1);
        outbox.offer("after the ping");
        assertEquals(peer.sent, List.of("busy"), "the ping is in flight: the frame waits its turn");
        peer.completeOne();
        assertEquals(peer.sent, List.of("busy", "after the ping"));
        assertEquals(peer.pending.size(), 1, "the frame after the ping is in flight");
    }
}
