package io.optiinfra.portal;

import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WS /live/customers/{id}: the browser's live channel. The portal opens the orchestrator's WebSocket
 * (/ws/customers/{id}) with the session's token — as any client would — and relays its events to the page, so the
 * token never reaches script and the browser only ever talks to the portal. A refusal upstream (4401/4403) is passed on.
 */
final class LiveProxy {
    private static final Logger LOG = LoggerFactory.getLogger(LiveProxy.class);
    private final String orchestratorWsUrl;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, WebSocket> upstreams = new ConcurrentHashMap<>();

    LiveProxy(String orchestratorUrl) {
        this.orchestratorWsUrl = orchestratorUrl.replaceFirst("^http", "ws");
    }

    void register(Javalin app) {
        app.ws("/live/customers/{customerId}", ws -> {
            ws.onConnect(this::connect);
            ws.onClose(ctx -> drop(ctx, 1000, "browser left"));
            ws.onError(ctx -> drop(ctx, 1011, "browser socket error"));
        });
    }

    private void connect(WsContext browser) {
        browser.session.setIdleTimeout(Duration.ofHours(1));
        Session session = Session.from(browser.cookie(Session.COOKIE)).orElse(null);
        if (session == null) {
            browser.closeSession(4401, "not signed in");
            return;
        }
        String url = orchestratorWsUrl + "/ws/customers/" + URLEncoder.encode(browser.pathParam("customerId"),
                StandardCharsets.UTF_8) + "?token=" + URLEncoder.encode(session.token(), StandardCharsets.UTF_8);
        http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)).buildAsync(URI.create(url), new Relay(browser))
                .whenComplete((upstream, error) -> {
                    if (error != null) {
                        LOG.warn("live channel to the orchestrator failed: {}", error.toString());
                        browser.closeSession(1011, "live updates unavailable");
                    } else {
                        upstreams.put(browser.sessionId(), upstream);
                    }
                });
    }

    private void drop(WsContext browser, int code, String reason) {
        WebSocket upstream = upstreams.remove(browser.sessionId());
        if (upstream != null) {
            upstream.sendClose(code == 1000 ? WebSocket.NORMAL_CLOSURE : 1011, reason);
        }
    }

    /** Relays the orchestrator's text frames to one browser socket. */
    private final class Relay implements WebSocket.Listener {
        private final WsContext browser;
        private final StringBuilder partial = new StringBuilder();

        Relay(WsContext browser) {
            this.browser = browser;
        }

        @Override
        public CompletionStage<?> onText(WebSocket upstream, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                if (browser.session.isOpen()) {
                    browser.send(message);
                }
            }
            upstream.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket upstream, int statusCode, String reason) {
            upstreams.remove(browser.sessionId());
            if (browser.session.isOpen()) {
                browser.closeSession(statusCode, reason);
            }
            return null;
        }

        @Override
        public void onError(WebSocket upstream, Throwable error) {
            upstreams.remove(browser.sessionId());
            if (browser.session.isOpen()) {
                browser.closeSession(1011, "live updates interrupted");
            }
        }
    }
}
