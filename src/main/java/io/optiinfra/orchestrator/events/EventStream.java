package io.optiinfra.orchestrator.events;

import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import io.optiinfra.common.ApiException;
import io.optiinfra.store.RedisStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * WS /ws/customers/{id}: a customer's live events. The socket authenticates with the same JWT as the API (query
 * parameter {@code token} or an Authorization header) and must belong to the tenant; events come from the customer's
 * Redis channel, so every orchestrator replica would see them.
 *
 * <p>One relay thread serves every customer, so it never waits on a socket: each socket has a bounded
 * {@link SocketOutbox} written asynchronously. A socket whose peer stops reading fills its outbox and is closed
 * ({@value #SLOW_CONSUMER} "slow consumer: N messages queued") and forgotten; the other sockets never notice.
 */
public final class EventStream {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    private static final String PATTERN = "optiinfra:customer:*:events";
    /** Server pings every 10 s, well inside the socket idle timeout ({@link io.optiinfra.common.web.Web}). */
    private static final long PING_SECONDS = 10;
    /** Close code of a socket over its outbox bound (4xxx: application-defined, like 4401/4403 here). */
    static final int SLOW_CONSUMER = 4408;
    /** How long a slow consumer's close frame may take to leave before the connection is cut outright. */
    private static final long CLOSE_GRACE_MS = 2_000;
    /**
     * Default bound on a socket's queued frames ({@code ws.max.queued.messages}). A reading peer keeps it near zero;
     * the largest legitimate burst of one customer (a full analysis: recommendations, validations, task events, or
     * a rollout's steps) is a few hundred events. 1000 rides out such a burst on a slow link with room to spare while
     * a frozen tab holds at most ~1 MB (events are ~0.3–1 KB) before it is let go.
     */
    public static final int DEFAULT_MAX_QUEUED = 1_000;

    /**
     * Whether a socket's token may watch a customer's events: false for another tenant (4403), an
     * {@link ApiException} for a bad token (4401). Given by the composition root, so events need not know auth.
     */
    @FunctionalInterface
    public interface Access {
        boolean mayWatch(String token, UUID customer);
    }

    /** customer id → session id → that socket and its outbox */
    private final Map<String, Map<String, Live>> sockets = new ConcurrentHashMap<>();
    private final Access access;
    private final int maxQueued;
    /** Keepalive pings and cutting slow consumers; never blocks (both only hand work to Jetty). */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ws-event-timer");
        thread.setDaemon(true);
        return thread;
    });

    public EventStream(Access access, int maxQueued) {
        if (maxQueued < 1) {
            throw new IllegalArgumentException("ws.max.queued.messages must be at least 1, not " + maxQueued);
        }
        this.access = access;
        this.maxQueued = maxQueued;
    }

    public void register(Javalin app, RedisStore redis) {
        app.ws("/ws/customers/{id}", ws -> {
            ws.onConnect(this::connect);
            ws.onClose(this::forget);
            ws.onError(this::forget);
        });
        // our own pings, not Javalin's automatic ones: those are blocking sends from one thread shared by every
        // socket of the process, which a single stalled peer would hold up for all
        timer.scheduleAtFixedRate(() -> sockets.values().forEach(perCustomer -> perCustomer.values()
                .forEach(live -> live.outbox().ping())), PING_SECONDS, PING_SECONDS, TimeUnit.SECONDS);
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
        Map<String, Live> perCustomer = sockets.get(customerId);
        if (perCustomer == null) {
            return;
        }
        perCustomer.forEach((sessionId, live) -> {
            switch (live.outbox().offer(message)) {
                case QUEUED -> { }
                case OVERFLOW -> {
                    perCustomer.remove(sessionId);
                    closeSlowConsumer(customerId, live.ctx());
                }
                case DEAD -> perCustomer.remove(sessionId);
            }
        });
    }

    /**
     * Closes a socket over its bound with {@link #SLOW_CONSUMER}. The close frame can only leave once the peer reads
     * what is in flight, so the connection is cut after {@link #CLOSE_GRACE_MS}.
     */
    private void closeSlowConsumer(String customerId, WsContext ctx) {
        String sessionId = ctx.sessionId();
        LOG.warn("websocket {} of customer {} closed: slow consumer, {} messages queued", sessionId, customerId,
                maxQueued);
        try {
            ctx.session.close(SLOW_CONSUMER, "slow consumer: " + maxQueued + " messages queued");
        } catch (RuntimeException e) {
            LOG.debug("close of slow websocket {} failed: {}", sessionId, e.getMessage());
        }
        // unconditionally: once the close frame is queued the session no longer counts as open, yet the connection
        // stays up until the peer answers the close, which a peer that reads nothing never does
        timer.schedule(ctx.session::disconnect, CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
    }

    private void connect(WsContext ctx) {
        String customerId = ctx.pathParam("id");
        try {
            UUID customer = UUID.fromString(customerId);
            if (!access.mayWatch(token(ctx), customer)) {
                ctx.closeSession(4403, "forbidden: another tenant's events");
                return;
            }
            // "connected" is the first frame: it is queued before the outbox is visible to the relay
            SocketOutbox outbox = new SocketOutbox(ctx.session.getRemote(), maxQueued, cause -> forget(ctx));
            outbox.offer("{\"type\":\"connected\",\"customer_id\":\"" + customer + "\"}");
            sockets.computeIfAbsent(customer.toString(), k -> new ConcurrentHashMap<>())
                    .put(ctx.sessionId(), new Live(ctx, outbox));
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
        sockets.values().forEach(perCustomer -> {
            Live live = perCustomer.remove(ctx.sessionId());
            if (live != null) {
                live.outbox().kill();
            }
        });
        LOG.debug("websocket {} closed", ctx.sessionId());
    }

    private record Live(WsContext ctx, SocketOutbox outbox) {}
}
