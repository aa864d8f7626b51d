package io.optiinfra.e2e.support.db;

import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.RedisClient;

import io.optiinfra.e2e.support.wait.TimeBounds;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Listens on one Redis pub/sub channel in a background thread and keeps every message received. */
public final class RedisSubscription implements AutoCloseable {
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final CountDownLatch subscribed = new CountDownLatch(1);
    /** Bound to the test that subscribed: messages arrive on the subscriber's own thread. */
    private final java.util.function.Consumer<String> observer;
    private final JedisPubSub listener = new JedisPubSub() {
        @Override
        public void onMessage(String channel, String message) {
            observer.accept(message);
            messages.add(message);
        }

        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            subscribed.countDown();
        }
    };
    private final String channel;

    private RedisSubscription(String channel) {
        this.channel = channel;
        this.observer = io.optiinfra.e2e.support.report.TestReport.observer("redis " + channel);
    }

    static RedisSubscription open(RedisClient redis, String channel) {
        RedisSubscription subscription = new RedisSubscription(channel);
        AtomicReference<Throwable> died = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                redis.subscribe(subscription.listener, channel);
            } catch (RuntimeException | Error e) {
                died.set(e); // a subscription that fails must say why, not look like a slow one
                subscription.subscribed.countDown();
            }
        }, "redis-sub-" + channel);
        thread.setDaemon(true);
        thread.start();
        Duration bound = TimeBounds.HANDSHAKE;
        try {
            boolean acknowledged = subscription.subscribed.await(bound.toMillis(), TimeUnit.MILLISECONDS);
            if (died.get() != null) {
                throw new IllegalStateException("could not subscribe to " + channel + ": " + died.get(), died.get());
            }
            if (!acknowledged) {
                String state = redisState(redis) + "; subscriber thread " + thread.getState();
                subscription.close();
                throw new IllegalStateException("SUBSCRIBE " + channel + " not acknowledged within " + bound.toMillis()
                        + " ms (TimeBounds.HANDSHAKE); " + state);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while subscribing to " + channel, e);
        }
        return subscription;
    }

    /** What the suite can tell of Redis when a handshake is late: whether it answers, and the suite's connection pool. */
    static String redisState(RedisClient redis) {
        String ping;
        long start = System.nanoTime();
        try {
            ping = redis.ping() + " in " + (System.nanoTime() - start) / 1_000_000 + " ms";
        } catch (RuntimeException e) {
            ping = "failed after " + (System.nanoTime() - start) / 1_000_000 + " ms: " + e.getMessage();
        }
        var pool = redis.getPool();
        return "Redis PING " + ping + "; suite pool: " + pool.getNumActive() + " active, " + pool.getNumIdle() + " idle, "
                + pool.getNumWaiters() + " waiting (max " + pool.getMaxTotal() + ")";
    }

    public String channel() {
        return channel;
    }

    /** A snapshot of the messages received so far, oldest first. */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void close() {
        try {
            if (listener.isSubscribed()) {
                listener.unsubscribe();
            }
        } catch (RuntimeException e) {
            // not subscribed after all (a late or failed handshake): nothing to undo
        }
    }
}
