package io.optiinfra.e2e.support.client;

import io.optiinfra.e2e.support.report.TestReport;
import io.optiinfra.e2e.support.wait.TimeBounds;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A customer's live event socket (WS /ws/customers/{id}), keeping every message and how the server closed it. */
public final class EventSocket implements AutoCloseable {
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;
    /** Client pings as a browser tab's keepalive would, so a quiet socket stays open however slow the machine. */
    private final ScheduledExecutorService keepalive = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "event-socket-keepalive");
        thread.setDaemon(true);
        return thread;
    });

    private EventSocket(String url) {
        Duration bound = TimeBounds.HANDSHAKE;
        try {
            this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .connectTimeout(bound)
                    .buildAsync(URI.create(url), new Listener()).orTimeout(bound.toMillis(), TimeUnit.MILLISECONDS).join();
        } catch (java.util.concurrent.CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String what = cause instanceof java.util.concurrent.TimeoutException
                    ? "no upgrade answer within " + bound.toMillis() + " ms (TimeBounds.HANDSHAKE)" : cause.toString();
            throw new IllegalStateException("WebSocket " + url.replaceAll("token=.*", "token=…") + " not opened: " + what
                    + "; orchestrator " + orchestratorState(url), cause);
        }
        keepalive.scheduleAtFixedRate(() -> {
            if (!closed.isDone()) {
                socket.sendPing(ByteBuffer.allocate(0));
            }
        }, 10, 10, TimeUnit.SECONDS);
    }

    /** Whether the orchestrator behind a socket URL answers GET /health, and how fast (a late handshake's context). */
    private static String orchestratorState(String socketUrl) {
        URI health = URI.create(socketUrl.replaceFirst("^ws", "http").replaceFirst("/ws/.*", "/health"));
        long start = System.nanoTime();
        try {
            int status = HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(health)
                    .timeout(TimeBounds.HANDSHAKE).GET().build(), java.net.http.HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            return "GET /health answered " + status + " in " + (System.nanoTime() - start) / 1_000_000 + " ms";
        } catch (java.io.IOException e) {
            return "GET /health failed: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "GET /health interrupted";
        }
    }

    /** Opens the socket of {@code customerId} with {@code token} as query parameter. */
    public static EventSocket open(String orchestratorUrl, String customerId, String token) {
        String url = orchestratorUrl.replaceFirst("^http", "ws") + "/ws/customers/" + customerId + "?token=" + token;
        TestReport.info("websocket " + url.replaceAll("token=.*", "token=…"));
        return new EventSocket(url);
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }

    /** Messages whose JSON type is {@code type} (the payloads are JSON objects with a "type" field). */
    public List<String> ofType(String type) {
        return messages.stream().filter(m -> m.contains("\"type\":\"" + type + "\"")).toList();
    }

    /** The close code the server sent, or null while open. */
    public Integer closeCode() {
        return closed.getNow(null);
    }

    @Override
    public void close() {
        keepalive.shutdownNow();
        if (!closed.isDone()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "test done").orTimeout(TimeBounds.HANDSHAKE.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        /** Bound to the test that opened the socket: frames arrive on the HTTP client's threads. */
        private final java.util.function.Consumer<String> observer =
                io.optiinfra.e2e.support.report.TestReport.observer("websocket");

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                observer.accept(partial.toString());
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }
}
