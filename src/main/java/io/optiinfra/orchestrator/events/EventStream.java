package io.optiinfra.orchestrator.events;

import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import io.optiinfra.common.ApiException;
import io.optiinfra.orchestrator.auth.JwtTokens;
import io.optiinfra.orchestrator.auth.Principal;
import io.optiinfra.store.RedisStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WS /ws/customers/{id}: a customer's live events. The socket authenticates with the same JWT as the API (query
 * parameter {@code token} or an Authorization header) and must belong to the tenant; events come from the customer's
 * Redis channel, so every orchestrator replica would see them.
 */
public final class EventStream {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    private static final String PATTERN = "optiinfra:customer:*:events";
    /** Server pings every 10 s, well inside the socket idle timeout ({@link io.optiinfra.common.web.Web}). */
    private static final long PING_SECONDS = 10;

    private final Map<String, Set<WsContext>> sockets = new ConcurrentHashMap<>();
    private final JwtTokens jwt;

    public EventStream(JwtTokens jwt) {
        this.jwt = jwt;
    }

    public void register(Javalin app, RedisStore redis) {
        app.ws("/ws/customers/{id}", ws -> {
            ws.onConnect(this::connect);
            ws.onClose(ctx -> {
                ctx.disableAutomaticPings();
                forget(ctx);
            });
            ws.onError(ctx -> forget(ctx));
        });
        Thread listener = new Thread(() -> relay(redis), "ws-event-relay");
        listener.setDaemon(true);
        listener.start();
    }

    /**
     * Fans the customers' Redis channels out to their sockets. A pub/sub connection dies with its Redis (restart,
     * network blip): subscribe again, with a short backoff, for as long as the orchestrator runs.
     */
    private void relay(RedisStore redis) {
        long backoffMs = 100;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                redis.client().psubscribe(new JedisPubSub() {
                    @Override
                    public void onPSubscribe(String pattern, int subscribedChannels) {
                        LOG.info("websocket relay subscribed to {}", pattern);
                    }

                    @Override
                    public void onPMessage(String pattern, String channel, String message) {
                        fanOut(channel, message);
                    }
                }, PATTERN);
            } catch (RuntimeException e) {
                LOG.warn("websocket relay lost its Redis subscription ({}); subscribing again in {} ms", e.getMessage(),
                        backoffMs);
            }
            try {
                Thread.sleep(backoffMs);
            } catch (InterruptedException e) {
                return;
            }
            backoffMs = Math.min(2_000, backoffMs * 2);
            if (redis.ping()) {
                backoffMs = 100;
            }
        }
    }

    private void fanOut(String channel, String message) {
        String customerId = channel.substring("optiinfra:customer:".length(), channel.length() - ":events".length());
        for (WsContext socket : sockets.getOrDefault(customerId, Set.of())) {
            try {
                synchronized (socket) {
                    socket.send(message);
                }
            } catch (RuntimeException e) {
                forget(socket);
            }
        }
    }

    private void connect(WsContext ctx) {
        String customerId = ctx.pathParam("id");
        try {
            UUID customer = UUID.fromString(customerId);
            Principal principal = jwt.verify(token(ctx));
            if (!principal.mayAccess(customer)) {
                ctx.closeSession(4403, "forbidden: another tenant's events");
                return;
            }
            // "connected" is the first frame: the fan-out sends to a socket under the same lock (Jetty's blocking
            // send also refuses two senders at once), so no event can slip in between joining and "connected"
            synchronized (ctx) {
                sockets.computeIfAbsent(customer.toString(), k -> ConcurrentHashMap.newKeySet()).add(ctx);
                // a quiet tab must not be closed by Jetty's idle timeout: pings keep traffic on the socket
                ctx.enableAutomaticPings(PING_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
                ctx.send("{\"type\":\"connected\",\"customer_id\":\"" + customer + "\"}");
            }
        } catch (IllegalArgumentException e) {
            ctx.closeSession(4400, "customer id must be a UUID");
        } catch (ApiException e) {
            ctx.closeSession(4401, "unauthorized: " + e.getMessage());
        }
    }

    private static String token(WsContext ctx) {
        String query = ctx.queryParam("token");
        if (query != null && !query.isBlank()) {
            return query;
        }
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).trim();
        }
        throw ApiException.unauthorized("a token is required (query parameter token or Authorization header)");
    }

    private void forget(WsContext ctx) {
        sockets.values().forEach(set -> set.remove(ctx));
        LOG.debug("websocket {} closed", ctx.sessionId());
    }
}
