package io.optiinfra.e2e.security.access;

import io.optiinfra.e2e.support.report.TestReport;

import io.optiinfra.e2e.support.wait.TimeBounds;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** Opens WS /ws/customers/{id} with given headers and says what happened: "connected" or the server's close code. */
final class SocketProbe {
    /** The upgrade and the server's first frame or close: a handshake (TimeBounds.HANDSHAKE), not a speed claim. */
    private static final Duration WAIT = TimeBounds.HANDSHAKE;

    private SocketProbe() {}

    static String connect(String orchestratorUrl, String customerId, Map<String, String> headers) {
        String url = orchestratorUrl.replaceFirst("^http", "ws") + "/ws/customers/" + customerId;
        CompletableFuture<String> outcome = new CompletableFuture<>();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(builder::header);
        WebSocket socket;
        try {
            socket = builder.buildAsync(URI.create(url), new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    outcome.complete(data.toString().contains("\"type\":\"connected\"") ? "connected" : "message " + data);
                    return null;
                }

                @Override
                public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                    outcome.complete(String.valueOf(statusCode));
                    TestReport.info("websocket closed " + statusCode + ": " + reason);
                    return null;
                }

                @Override
                public void onError(WebSocket ws, Throwable error) {
                    outcome.complete("error " + error);
                }
            }).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        } catch (CompletionException e) {
            return "handshake refused: " + e.getCause();
        }
        try {
            return outcome.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).exceptionally(e -> "no message and no close within "
                    + WAIT.toSeconds() + " s").join();
        } finally {
            socket.abort();
        }
    }
}
